# Two commands on a fresh machine: `make run` (the app on the demo plan) and `make test`.
# The newest supported Python that runs (a pyenv shim for an inactive version is on PATH
# but fails, so each candidate is run, not just looked up).
SUPPORTED_PYTHONS := python3.13 python3.12 python3.11
PYTHON ?= $(firstword $(foreach candidate,$(SUPPORTED_PYTHONS),$(shell $(candidate) -c "" 2>/dev/null && echo $(candidate))))
VENV ?= .venv
BIN := $(VENV)/bin
NHSUK_FRONTEND_VERSION := 10.6.1
NHSUK_STATIC := static/nhsuk

.PHONY: run test serve backup restore format install vendor-nhsuk clean mutation

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Needs Python 3.11, 3.12 or 3.13 on PATH as python3.x (or: make PYTHON=/path/to/python ...)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' || { echo "$(PYTHON) is not Python 3.11, 3.12 or 3.13"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

## Set up, migrate, load the demo plan, and serve it on http://127.0.0.1:8000, with the
## background worker that builds Governing Body packs (stopped with the server).
run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --interval 1 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

## Production-like: gunicorn (4 workers) on PostgreSQL with production settings.
## Needs DATABASE_URL, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (see README, "Deploying").
serve: install
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS first (README, Deploying)."; exit 1; }
	DJANGO_SETTINGS_MODULE=improvement.settings.production $(BIN)/python manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=improvement.settings.production $(BIN)/python manage.py collectstatic --no-input
	DJANGO_SETTINGS_MODULE=improvement.settings.production $(BIN)/gunicorn improvement.wsgi \
		--workers $${GUNICORN_WORKERS:-4} --bind $${BIND:-127.0.0.1:8000} --access-logfile - --timeout 120 & web=$$!; \
	trap "kill $$web 2>/dev/null" EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=improvement.settings.production $(BIN)/python manage.py db_worker --no-reload

## Backup: PostgreSQL dump plus the media folder (evidence, issued packs) into BACKUP_DIR.
backup:
	@test -n "$$DATABASE_URL" -a -n "$$DJANGO_MEDIA_ROOT" || { echo "Set DATABASE_URL and DJANGO_MEDIA_ROOT."; exit 1; }
	mkdir -p $${BACKUP_DIR:?Set BACKUP_DIR}
	pg_dump --format=custom --no-owner --file=$$BACKUP_DIR/database.dump "$$DATABASE_URL"
	tar czf $$BACKUP_DIR/media.tgz -C "$$DJANGO_MEDIA_ROOT" .
	@echo "Backed up to $$BACKUP_DIR"

## Restore a backup into an EMPTY database (DATABASE_URL) and media folder (DJANGO_MEDIA_ROOT).
restore:
	@test -n "$$DATABASE_URL" -a -n "$$DJANGO_MEDIA_ROOT" -a -n "$$BACKUP_DIR" || { echo "Set DATABASE_URL, DJANGO_MEDIA_ROOT and BACKUP_DIR."; exit 1; }
	pg_restore --no-owner --exit-on-error --dbname="$$DATABASE_URL" $$BACKUP_DIR/database.dump
	mkdir -p "$$DJANGO_MEDIA_ROOT" && tar xzf $$BACKUP_DIR/media.tgz -C "$$DJANGO_MEDIA_ROOT"
	@echo "Restored from $$BACKUP_DIR"

## Lint, check migrations, and run the whole suite (DATABASE_URL picks PostgreSQL)
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=improvement.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $${PYTEST_WORKERS:-2} --dist loadscope

## Mutation testing of the rule modules (slow, not part of CI; see the README)
mutation: install
	$(BIN)/pip install --quiet -e '.[test,mutation]'
	$(BIN)/mutmut run --max-children $${MUTATION_CHILDREN:-2} $(MUTANTS) || true
	$(BIN)/python bench/mutation_score.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Refresh the vendored NHS.UK frontend (needs npm; nothing at run time does)
vendor-nhsuk:
	rm -rf /tmp/nhsuk-vendor && mkdir -p /tmp/nhsuk-vendor
	cd /tmp/nhsuk-vendor && npm pack --silent nhsuk-frontend@$(NHSUK_FRONTEND_VERSION) && tar xzf nhsuk-frontend-$(NHSUK_FRONTEND_VERSION).tgz
	rm -rf $(NHSUK_STATIC) && mkdir -p $(NHSUK_STATIC)/images
	# The compiled CSS points at /assets/images/; served from static/ it needs a relative path.
	# Frutiger is licensed for nhs.uk sites only and would be fetched from assets.nhs.uk
	# (refused by our Content-Security-Policy): drop the @font-face rules, Arial is the fallback.
	sed -e 's#url(/assets/images/#url(images/#g' -e 's#@font-face{[^}]*assets\.nhs\.uk[^}]*}##g' \
		/tmp/nhsuk-vendor/package/dist/nhsuk/nhsuk-frontend.min.css > $(NHSUK_STATIC)/nhsuk-frontend.min.css
	# Source maps are not vendored, so their references go too (collectstatic checks them).
	sed -i 's#/\*\# sourceMappingURL=[^*]*\*/##' $(NHSUK_STATIC)/nhsuk-frontend.min.css
	sed 's#//\# sourceMappingURL=.*$$##' /tmp/nhsuk-vendor/package/dist/nhsuk/nhsuk-frontend.min.js > $(NHSUK_STATIC)/nhsuk-frontend.min.js
	cp /tmp/nhsuk-vendor/package/dist/nhsuk/assets/images/* $(NHSUK_STATIC)/images/
	cp /tmp/nhsuk-vendor/package/LICENSE* $(NHSUK_STATIC)/ 2>/dev/null || true
	echo "nhsuk-frontend $(NHSUK_FRONTEND_VERSION), vendored by 'make vendor-nhsuk'" > $(NHSUK_STATIC)/VERSION

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
