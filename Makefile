# Two commands do all the set-up on a fresh machine: `make play` and `make test`.
# `make play` installs what playing needs; `make test` adds the developer tools.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PLAY   := $(VENV)/.installed-play
DEV    := $(VENV)/.installed-dev

.PHONY: play test check lint types validate bench shots clean

play: $(PLAY)
	$(PY) -m game play $(ARGS)

test: check
	$(PY) -m compileall -q game
	$(PY) -m pytest

check: $(DEV) lint types validate

lint: $(DEV)
	$(PY) -m ruff check game tests benchmarks
	$(PY) -m ruff format --check game tests benchmarks

types: $(DEV)
	$(PY) -m mypy

validate: $(PLAY)
	$(PY) -m game validate

bench: $(PLAY)
	$(PY) benchmarks/bench.py

shots: $(PLAY)
	$(PY) -m game shots --out shots/en --lang en
	$(PY) -m game shots --out shots/ar --lang ar

$(PLAY): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Guarantor needs Python 3.11 or newer; this is " + sys.version.split()[0] + " (try: make PYTHON=python3.12)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	$(PY) -m compileall -q game
	touch $@

$(DEV): $(PLAY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
