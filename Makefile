# Two commands set everything up on a fresh machine:
#   make demo   installs dyadflow into .venv and runs the pipeline on the built-in example corpus
#   make test   installs dyadflow into .venv and runs the tests (CI runs this too, via .ci/run)
#   make check  lints (ruff), checks the formatting (ruff format --check) and the types (mypy)
#   make kill-loop  kills `dyadflow run` with kill -9 100 times and prints kills=N lost=0 doubled=0
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
KILLS ?= 100
# make test runs the tests in this many processes (pytest-xdist); the build machine has 2 cores
WORKERS ?= 2
export PREFECT_SERVER_ANALYTICS_ENABLED := false
# Python keeps the project's compiled modules in __pycache__ (git ignores them): where the environment
# sets PYTHONDONTWRITEBYTECODE, as this machine's does, every process of a run or of the test suite
# compiled the project again (0.6 s of CPU per `dyadflow` process, 4 s per pytest worker's collection).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: demo test test-fast install check kill-loop

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/dyadflow demo

# pytest exits 5 when it collects no test; that is not a failure of the code, but say so.
# A module at a time (its fixtures built once), in tests/conftest.py's order, the longest first: xdist's
# own order (most tests first) started the 85-second kill loop last, and one worker ran it alone.
test: $(STAMP)
	$(PY) -m pytest -q -n $(WORKERS) --dist loadscope --no-loadscope-reorder; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

$(DEV_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e ".[test,dev]"
	touch $(DEV_STAMP)

check: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The long kill loop: $(KILLS) kill -9 of `dyadflow run`'s process group (make test runs 10).
kill-loop: $(STAMP)
	DYADFLOW_KILL_LOOP_KILLS=$(KILLS) $(PY) -m pytest tests/robustness/test_kill_loop.py -q -s
