# Two commands on a fresh machine with Python 3.11+:
#   make run    set up .venv and start the app on the embedded store
#   make test   set up .venv and run every check and test (what CI runs)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed


.PHONY: run-demo run test check lint format typecheck layers pytest bench clean wheel-check upgrade-deps

run: $(STAMP)
	$(BIN)/interviewai

run-demo: $(STAMP)
	$(BIN)/interviewai --demo

test: $(STAMP)
	$(MAKE) --no-print-directory check

check: lint typecheck layers pytest

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Newest versions the ranges in pyproject.toml allow; run `make test` before committing.
upgrade-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade -e '.[dev]'
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/store.py --interviews 100000
	$(BIN)/python benchmarks/backup.py

wheel-check: $(STAMP)
	$(BIN)/python scripts/wheel_check.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache

readme: $(STAMP)
	$(BIN)/python scripts/readme_settings.py
