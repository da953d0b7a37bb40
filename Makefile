# 执法监督平台: `make run` serves the portal on http://127.0.0.1:8000, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format bench system-packages messages worker beat

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-run
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

system-packages:
	@bash scripts/system-packages.sh

messages: $(VENV)/.installed-run
	@$(PY) scripts/compile_messages.py

run: system-packages $(VENV)/.installed-run messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v0
	@# The daily deadline checks without Redis: caught up now, then at 07:30 (see README).
	@# `exec` keeps the shell's PID ($$$$) for the server, which the scheduler watches.
	$(PY) manage.py run_scheduler --stop-with $$$$ & exec $(PY) manage.py runserver $(HOST)

test: system-packages $(VENV)/.installed-dev messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# `make bench SCALE=province`: a million officers on PostgreSQL (DATABASE_URL), see bench/province.py.
bench: $(VENV)/.installed-dev messages
	$(PY) -m bench $(if $(SCALE),--scale $(SCALE) $(BENCH_ARGS))

worker: $(VENV)/.installed-run
	$(VENV)/bin/celery -A supervision worker -l info

beat: $(VENV)/.installed-run
	$(VENV)/bin/celery -A supervision beat -l info
