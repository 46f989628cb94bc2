# Horizont: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings
# Links in e-mails and printed addresses follow the port `make run` serves on.
export DJANGO_SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install run serve test bench lint migrate demo clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py load_demo --with-users

# Development server on SQLite with the demo data (safe to run again).
run: demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production stack on this machine: gunicorn, hashed and compressed static files.
# Needs DJANGO_SECRET_KEY (and usually DATABASE_URL, REDIS_URL) in the environment.
serve: install
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) \
		--workers $$(( $$(nproc) * 2 + 1 )) --access-logfile -

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Load benchmark on PostgreSQL: requests/s, latency, queries, memory, and the
# ceiling (tests/ops/bench.py). BENCH_DATABASE_URL, BENCH_SECONDS … override.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m tests.ops.bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
