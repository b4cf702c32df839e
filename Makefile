# Two commands for a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LEDGER ?= pactwatch.db
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck layers pytest docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src > /dev/null
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/pactwatch init --db $(LEDGER)
	$(BIN)/pactwatch --db $(LEDGER) ingest demo/articles/demo-articles.jsonl
	$(BIN)/pactwatch --db $(LEDGER) import --reference
	$(BIN)/pactwatch --db $(LEDGER) roster coalition-of-the-willing
	$(BIN)/pactwatch --db $(LEDGER) claims --actor CAN --type commitment
	$(BIN)/pactwatch --db $(LEDGER) commitments --guarantor CAN --as-of 2026-06-02 \
		--scenario peace_agreement=2026-06-01

lint: install
	$(BIN)/ruff check src tests bench tools

typecheck: install
	$(BIN)/mypy

layers: install
	$(BIN)/lint-imports

pytest: install
	@if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	    && [ -z "$$PACTWATCH_TEST_POSTGRES_URL" ]; then \
	  echo "make test: no PostgreSQL server binaries (initdb, pg_ctl) here, so the PostgreSQL store"; \
	  echo "suite is SKIPPED; install the Debian package 'postgresql' (as .ci/run does) to run it."; \
	fi
	@$(BIN)/python -m pytest -q -rs; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests; failing."; exit 1; fi; \
	exit $$status

test: lint typecheck layers pytest

docs: install
	$(BIN)/python -m pactwatch.cli.docs > docs/cli.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
