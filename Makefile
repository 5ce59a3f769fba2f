# PressLens. Two commands do everything on a fresh machine:
#   make figures   create the environment if missing, ingest data/raw, run every notebook, export figures
#   make test      create the environment if missing and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.presslens-installed

.PHONY: env figures ingest test lint lab benchmarks clean

env: $(STAMP)

# The environment is built from the lock files only (exact versions, verified by hash): first the
# installer (requirements-pip.lock: a pip that reads the lock's extras without warnings), then the rest.
$(STAMP): requirements-pip.lock requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

figures: $(STAMP)
	$(PY) -m analysis run

ingest: $(STAMP)
	$(PY) -m analysis ingest

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf data/processed reports .pytest_cache .hypothesis
