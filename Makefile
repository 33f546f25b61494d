# Two commands do all the set-up on a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: play test check lint types validate bench shots clean

play: $(STAMP)
	$(PY) -m game play $(ARGS)

test: check
	$(PY) -m compileall -q game
	$(PY) -m pytest

check: $(STAMP) lint types validate

lint: $(STAMP)
	$(PY) -m ruff check game tests benchmarks
	$(PY) -m ruff format --check game tests benchmarks

types: $(STAMP)
	$(PY) -m mypy

validate: $(STAMP)
	$(PY) -m game validate

bench: $(STAMP)
	$(PY) benchmarks/bench.py

shots: $(STAMP)
	$(PY) -m game shots --out shots/en --lang en
	$(PY) -m game shots --out shots/ar --lang ar

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m compileall -q game
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
