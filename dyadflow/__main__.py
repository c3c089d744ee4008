from dyadflow.cli import main

main()
