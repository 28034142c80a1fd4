# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install install-dev bench clean

DEV_STAMP := $(VENV)/.installed-dev

# `make run` installs the runtime only; `make test` adds the development tools.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

## Migrate, load the bundled content, then serve the configured channels or chat in the terminal.
run: install
	$(BIN)/confbot run

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bot handlers db tests
	$(BIN)/hadolint Dockerfile

## Lint, types, Dockerfile, then the whole suite on SQLite and PostgreSQL (127.0.0.1:5432/test).
test: lint
	$(BIN)/python -m pytest -n auto

bench: install-dev
	$(BIN)/python bench/understanding_eval.py
	$(BIN)/python bench/leave_one_batch_out.py
	$(BIN)/python bench/classifier_cost.py
	$(BIN)/python bench/faq_eval.py
	$(BIN)/python bench/webhook_load.py
	$(BIN)/python bench/fanout.py
	$(BIN)/python bench/console_load.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
