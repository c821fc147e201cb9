# The commands the README shows. `make run` and `make test` work on a fresh clone.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format superuser migrate demo backup restore bench

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## Development server on http://127.0.0.1:8000 with the demo data, on SQLite unless DATABASE_URL says otherwise.
## DEBUG=1 prints email in this terminal and runs background tasks at once: no worker needed.
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

## The site's speed beside a Django hello-world view, on a PostgreSQL database it recreates and
## fills (BENCH_DATABASE_URL; atlas_bench by default): make bench SCALE=small|medium|full (full by
## default), or ADVISORIES=… ARTICLES=…; more options in BENCH_ARGS (python bench/run.py --help).
SCALE ?= full
bench: $(STAMP)
	$(PYTHON) bench/run.py --scale $(SCALE) $(if $(ADVISORIES),--advisories $(ADVISORIES)) \
		$(if $(ARTICLES),--articles $(ARTICLES)) $(BENCH_ARGS)

# Backups of the PostgreSQL database named by DATABASE_URL, in pg_dump's custom format. To run the
# PostgreSQL tools inside the compose db container instead: PG_EXEC="docker compose exec -T db".
BACKUP_DIR ?= backups
PG_EXEC ?=

## Dump DATABASE_URL into backups/atlas-<UTC time>.dump.
backup:
	@test -n "$(DATABASE_URL)" || { echo "DATABASE_URL must name the database to back up" >&2; exit 1; }
	@mkdir -p "$(BACKUP_DIR)"
	@file="$(BACKUP_DIR)/atlas-$$(date -u +%Y%m%dT%H%M%SZ).dump"; \
	$(PG_EXEC) pg_dump --format=custom --dbname="$(DATABASE_URL)" > "$$file.partial" \
	&& mv "$$file.partial" "$$file" && echo "$$file" \
	|| { rm -f "$$file.partial"; exit 1; }

## Replace the contents of DATABASE_URL with a backup: make restore FILE=backups/atlas-….dump
restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/atlas-<time>.dump" >&2; exit 1; }
	@test -n "$(DATABASE_URL)" || { echo "DATABASE_URL must name the database to restore into" >&2; exit 1; }
	@# Silent: the command line holds the database password.
	@$(PG_EXEC) pg_restore --clean --if-exists --no-owner --single-transaction \
		--dbname="$(DATABASE_URL)" < "$(FILE)" && echo "restored $(FILE)"
