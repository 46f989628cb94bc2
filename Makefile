# Horizont: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make serve` and `make worker` run from a venv of the runtime set only.
SERVE_VENV := .venv-serve
SERVE_BIN := $(SERVE_VENV)/bin
SERVE_STAMP := $(SERVE_VENV)/.installed
PORT ?= 8000
BENCH_SECONDS ?= 10
BENCH_REPS ?= 3
export DJANGO_SETTINGS_MODULE := config.settings
# Links in e-mails and printed addresses follow the port `make run` serves on.
export DJANGO_SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install run serve worker test bench lint migrate demo clean requirements

install: $(STAMP)

# Development: runtime and test tools, every file checked against its hash.
$(STAMP): requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(STAMP)

# Production: the runtime set only (requirements.txt), no test tool.
$(SERVE_STAMP): requirements.txt
	test -x $(SERVE_BIN)/python || $(PYTHON) -m venv $(SERVE_VENV)
	$(SERVE_BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $(SERVE_STAMP)

# After changing pyproject.toml: pin both sets again, with hashes
# (`make requirements UV_ARGS=--upgrade` moves everything to the newest releases).
requirements: install
	$(BIN)/uv pip compile pyproject.toml $(UV_ARGS) --generate-hashes \
		--python-version 3.11 --no-header -o requirements.txt
	$(BIN)/uv pip compile pyproject.toml $(UV_ARGS) --group dev --generate-hashes \
		--python-version 3.11 --no-header -c requirements.txt -o requirements-dev.txt

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py load_demo --with-users

# Development server on SQLite with the demo data (safe to run again).
# Without CELERY_BROKER_URL, mails and jobs run in this process after commit.
run: demo
	@DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python -c \
		"import django; django.setup(); from config.celery import describe; print(describe())"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production stack on this machine: gunicorn, hashed and compressed static files.
# Needs DJANGO_SECRET_KEY (and usually DATABASE_URL, REDIS_URL) in the environment.
serve: $(SERVE_STAMP)
	$(SERVE_BIN)/python manage.py collectstatic --noinput -v0
	$(SERVE_BIN)/python manage.py migrate --noinput
	$(SERVE_BIN)/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) \
		--workers $$(( $$(nproc) * 2 + 1 )) --access-logfile -

# Celery worker with beat (mails, outbox retries, retention, rendition clean-up).
# Needs CELERY_BROKER_URL and the same environment as `make serve`.
worker: $(SERVE_STAMP)
	$(SERVE_BIN)/celery -A config worker --beat --loglevel INFO \
		--schedule $${CELERY_BEAT_SCHEDULE:-/tmp/horizont-celerybeat-schedule}

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Load benchmark (tests/ops/bench.py, about 20 minutes): the no-database ceiling,
# a plain Django ListView and Horizont's pages at 1k and 100k reports, uncached
# and cached, side by side; goals with PASS/FAIL, table in test-artifacts/bench.md.
# Quick look: make bench BENCH_SECONDS=3 BENCH_REPS=1.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	BENCH_SECONDS=$(BENCH_SECONDS) BENCH_REPS=$(BENCH_REPS) $(BIN)/python -m tests.ops.bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) $(SERVE_VENV) staticfiles db.sqlite3 media
