# The recall petition tracker. `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed
TEST_WORKERS ?= 2
# Message catalogs: each language's .po is compiled to the .mo Flask-Babel reads.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard app/translations/*/LC_MESSAGES/messages.po))

.PHONY: help install translations run test bench cluster cluster-stop lint format migrate seed demo-reset messages audit clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)  ## Create .venv with the pinned dependencies

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

translations: $(CATALOGS)  ## Compile the Russian and Kazakh message catalogs

migrate: install translations  ## Apply the database migrations
	$(FLASK) db upgrade

seed: migrate  ## Load the demo data if the database is empty
	$(FLASK) seed demo --if-empty

demo-reset: migrate  ## Drop the database and load the demo again (asks first; FORCE=1 does not)
	$(FLASK) seed reset $(if $(filter 1,$(FORCE)),--yes)

run: seed  ## Serve the demo at http://127.0.0.1:5000, with the deadline clock ticking every minute
	@$(FLASK) seed accounts --url http://127.0.0.1:5000
	$(FLASK) recall worker --interval 60 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install translations  ## Run the whole test suite (SQLite, PostgreSQL, Chromium) on TEST_WORKERS processes
	$(BIN)/pytest -n $(TEST_WORKERS)

bench: install  ## Run the benchmarks and print their figures
	$(BIN)/python -m bench

cluster: install translations  ## Start PostgreSQL, Redis, two app nodes and nginx balancing them (CLUSTER_PORT=8080; 0: random ports), with the demo
	$(BIN)/python -m deploy.cluster start

cluster-stop:  ## Stop what `make cluster` started and remove its database
	$(BIN)/python -m deploy.cluster stop

lint: install  ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install  ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install  ## Extract every translatable string and update the Russian and Kazakh catalogs (new entries empty)
	mkdir -p app/translations
	$(BIN)/python -m app.rules.catalog
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -c TRANSLATORS: \
		--add-location=file --sort-output -w 100 --project=deputy-recall \
		-o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations \
		--no-fuzzy-matching --ignore-obsolete -w 100

# pip-audit is not a dependency of the project (it needs a vulnerability database on the
# network); it is installed on demand here. Without the network the target fails, saying so.
audit: install  ## Check the pinned requirements for known vulnerabilities (pip-audit; needs network)
	@$(BIN)/pip install --quiet pip-audit || { echo "audit: pip-audit could not be installed (no network?); nothing was checked"; exit 1; }
	@$(BIN)/pip-audit --strict -r requirements.txt -r requirements-dev.txt || { echo "audit: FAILED: vulnerable requirements, or the vulnerability database could not be reached; nothing may be assumed safe"; exit 1; }

clean:  ## Remove the virtualenv and caches (keeps instance/)
	rm -rf $(VENV) .pytest_cache .ruff_cache
