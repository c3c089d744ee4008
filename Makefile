# Two commands set everything up on a fresh machine:
#   make demo   installs dyadflow into .venv and runs the pipeline on the built-in example corpus
#   make test   installs dyadflow into .venv and runs the tests (CI runs this too, via .ci/run)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: demo test test-fast install

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/dyadflow demo

# pytest exits 5 when it collects no test; that is not a failure of the code, but say so.
test: $(STAMP)
	$(PY) -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"
