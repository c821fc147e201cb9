# The commands the README shows. `make run` and `make test` work on a fresh clone.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format superuser migrate demo

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## Development server on http://127.0.0.1:8000 with the demo data, on SQLite unless DATABASE_URL says otherwise.
run: $(STAMP)
	DEBUG=1 $(PYTHON) manage.py migrate --no-input
	DEBUG=1 $(PYTHON) manage.py load_demo
	DEBUG=1 $(PYTHON) manage.py runserver 127.0.0.1:8000

## The test suite, on SQLite unless DATABASE_URL names PostgreSQL.
test: $(STAMP)
	SECRET_KEY=test-only-key $(PYTHON) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## An admin account for http://127.0.0.1:8000/admin/ (asks for a password).
superuser: $(STAMP)
	DEBUG=1 $(PYTHON) manage.py createsuperuser
