"""PETRARCH dictionaries on the command line: the validate command and the coder behind --verbs/--actors/...

`register(app)` adds ``dyadflow validate``. The option types below are there for the ``code`` and
``run`` commands to share; `coder_from_options` (from dyadflow.steps, where the flows find it
too) builds the coder for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

VerbsOpt = Annotated[list[Path] | None, typer.Option("--verbs", help="A PETRARCH verb dictionary (CAMEO.2.0.txt); repeatable.")]
ActorsOpt = Annotated[
    list[Path] | None, typer.Option("--actors", help="A PETRARCH actor dictionary (Phoenix.Countries.actors.txt); repeatable.")
]
AgentsOpt = Annotated[list[Path] | None, typer.Option("--agents", help="A PETRARCH agent dictionary (Phoenix.agents.txt); repeatable.")]
DiscardsOpt = Annotated[list[Path] | None, typer.Option("--discards", help="A PETRARCH discard list (Phoenix.discards.txt); repeatable.")]
DictionariesOpt = Annotated[
    Path | None,
    typer.Option(
        "--dictionaries",
        help="A folder of PETRARCH dictionaries, found by name: *verbs*.txt or CAMEO*.txt, *actors*.txt, *agents*.txt, *discards*.txt.",
    ),
]
AloneOpt = Annotated[
    bool,
    typer.Option("--dictionaries-only", help="Code with the given dictionaries alone, not on top of dyadflow's own lexicon and actors."),
]
StrictOpt = Annotated[
    bool,
    typer.Option("--strict", help="Stop at the first malformed dictionary line instead of skipping it with a warning."),
]


def __getattr__(name: str) -> object:
    """`coder_from_options`, from dyadflow.steps on first use: importing it loads the coder's modules (spaCy)."""
    if name == "coder_from_options":
        from dyadflow.steps import coder_from_options

        return coder_from_options
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def register(app: typer.Typer) -> None:
    """Add the validate command to the dyadflow CLI."""
    app.command(
        "validate",
        epilog="Example: dyadflow validate ../shared/petrarch/v2_02/PETR_Validate_records_2_02.xml",
    )(validate)


def validate(
    file: Annotated[Path, typer.Argument(metavar="FILE.xml", help="A PETRARCH validation suite (PETR.UnitTest.records.xml).")],
    dictionaries: Annotated[
        Path | None,
        typer.Option(
            "--dictionaries", help="Read the dictionaries the suite's <Environment> names from this folder instead of beside FILE."
        ),
    ] = None,
    failures: Annotated[bool, typer.Option("--failures", help="Also list every record not coded exactly as expected.")] = False,
) -> None:
    """Code a PETRARCH validation suite with its own dictionaries and compare with the expected events.

    Per category and overall: records fully correct, expected events found, extra events. The
    last line reads records=N correct=N expected=N found=N extra=N.
    """
    from coders.petrarch.validate import failures as failed_records
    from coders.petrarch.validate import validate as run_validation
    from schemas.errors import InputError

    if not file.is_file():
        raise InputError("no such validation file", path=str(file), reason="missing")
    result = run_validation(file, folder=dictionaries)
    if failures:
        for line in failed_records(result):
            typer.echo(line)
    for line in result.report():
        typer.echo(line)
