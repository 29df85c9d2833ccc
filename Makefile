# Selfkind: every target creates or reuses the virtual environment in .venv.
# `make run` serves the course; `make test` runs every test tier.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8866

.PHONY: run lab test check bench bench-apps clean help chromium sync-scenarios

help:
	@echo "make run    - install and serve the course on http://$(HOST):$(PORT)/ (Voila, no code shown)"
	@echo "make lab    - install and open the course in JupyterLab"
	@echo "make test   - install the test extra and run every test tier"
	@echo "make check  - check every scenario file under modules/"
	@echo "make bench  - print engine benchmark figures (bench-apps: Voila apps; bench-grading: nbgrader; bench-analytics)"
	@echo "make grade-demo - grade demo cohorts through nbgrader (artifacts/grade-demo); make dashboard - serve the instructor's dashboard"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Selfkind needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps record what was installed, so a changed pyproject.toml reinstalls.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

# The editable install does not install pyproject's data-files (Voila's page template), so the
# template is linked into the venv's share/jupyter, where `voila` finds it exactly as after
# `pip install .` or on Binder: `.venv/bin/voila modules` then serves the course as `make run` does.
VENV_TEMPLATE := $(VENV)/share/jupyter/voila/templates/selfkind
$(VENV_TEMPLATE): | $(BIN)/python
	mkdir -p $(dir $@)
	ln -sfn $(CURDIR)/share/jupyter/voila/templates/selfkind $@ 2>/dev/null || cp -R share/jupyter/voila/templates/selfkind $@

# voila.json keeps one preheated kernel per notebook (8 kernels, ~65 MB each); POOL_SIZE=0
# turns preheating off (Voila's own `--pool_size`), e.g. `make run POOL_SIZE=0`.
run: $(VENV)/.installed $(VENV_TEMPLATE)
	@echo ""
	@echo "  Selfkind is being served at  http://$(HOST):$(PORT)/"
	@echo "  Open that address in your browser. Stop with Ctrl+C."
	@echo ""
	$(BIN)/voila modules --no-browser --Voila.ip=$(HOST) --port=$(PORT) $(if $(POOL_SIZE),--pool_size=$(POOL_SIZE),)

lab: $(VENV)/.installed
	$(BIN)/jupyter lab --config=jupyter_lab_config.py --ServerApp.ip=$(HOST) --no-browser $(if $(filter 0,$(shell id -u)),--allow-root,) modules

AXE := tests/browser/node_modules/axe-core/axe.min.js

# axe-core for the accessibility scan, at the version pinned in the lock file.
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests drive Debian's Chromium and `selfkind map` draws with Graphviz's dot;
# as root, install them when they are missing.
chromium:
	@command -v chromium >/dev/null 2>&1 && command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium graphviz; \
	  else echo "The tests need Debian's Chromium and Graphviz: sudo apt-get install chromium graphviz"; exit 1; fi; }

# nbgrader (the grading, analytics and dashboard tests) calls `alembic` by name: the venv's bin goes first on PATH.
test: $(VENV)/.installed-test $(VENV_TEMPLATE) $(AXE) chromium hub-prereqs
	$(BIN)/selfkind check modules
	PATH="$(abspath $(BIN)):$$PATH" JUPYTER_PATH=$(CURDIR)/share/jupyter $(BIN)/python -m pytest

check: $(VENV)/.installed
	$(BIN)/selfkind check modules

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_engine.py

bench-apps: $(VENV)/.installed-test $(VENV_TEMPLATE) chromium
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(BIN)/python benchmarks/bench_apps.py

.PHONY: grade-demo bench-grading dashboard bench-analytics

# grade-demo: demo cohorts graded by the real nbgrader pipeline, in throwaway copies of course/:
# module 01's adversarial cases (artifacts/grade-demo/course), then 32 trainees across every
# assignment for the dashboard (artifacts/grade-demo/cohort/course; one autograde batch, several minutes),
# their written answers graded by hand. Both cohorts are defined in cohorts/ (not installed with the package).
# bench-grading: nbgrader autograde time per submission, 50 in one batch.
# nbgrader calls `alembic` by name, so the venv's bin folder goes first on PATH.
grade-demo: $(VENV)/.installed-test
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m cohorts.module_01_demo --out artifacts/grade-demo
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m cohorts.dashboard_cohort --out artifacts/grade-demo/cohort

# dashboard: the instructor's dashboard (course/dashboard.ipynb) on its own port, never with the
# trainees' modules. It reads SELFKIND_DASHBOARD_COURSE, by default the demo cohort if
# `make grade-demo` was run, else course/. Not preheated (--pool_size=0; voila.json preheats): a kernel
# started ahead of its page would show the gradebook as it was then.
DASHBOARD_PORT ?= 8867
dashboard: $(VENV)/.installed
	@echo ""
	@echo "  The instructor's dashboard is being served at  http://$(HOST):$(DASHBOARD_PORT)/"
	@echo "  (course folder: $${SELFKIND_DASHBOARD_COURSE:-the demo cohort if make grade-demo ran, else course/})"
	@echo ""
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(BIN)/voila course/dashboard.ipynb --no-browser --Voila.ip=$(HOST) --port=$(DASHBOARD_PORT) --pool_size=0

bench-analytics: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_analytics.py

bench-grading: $(VENV)/.installed-test
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python benchmarks/bench_grading.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache

.PHONY: hub hub-load hub-prereqs hub-system

# hub: a JupyterHub for a cohort on this machine (deploy/, docs/deploy.md), as root.
# hub-load: 30 trainees at once through the hub; prints the load table (docs/deploy.md).
# The hub tier of `make test` (tests/hub/) needs the same: the `hub` extra, the proxy from
# npm, Debian's PostgreSQL server and python3-venv (the single-user environment).
HUB_PROXY := deploy/node_modules/.bin/configurable-http-proxy
HUB_PORT  ?= 8000

$(VENV)/.installed-hub: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,hub]"
	touch $@ $(VENV)/.installed $(VENV)/.installed-test

$(HUB_PROXY): deploy/package.json deploy/package-lock.json
	cd deploy && npm ci --no-audit --no-fund --loglevel=error
	touch $@

hub-system:
	@if [ "$$(id -u)" = 0 ]; then \
	  missing=""; \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	  /usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	  if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; \
	else echo "The hub runs as root (OS accounts, one server per user); its tests are skipped for other users."; fi

hub-prereqs: $(VENV)/.installed-hub $(HUB_PROXY) hub-system

hub: hub-prereqs
	$(BIN)/python deploy/hubctl.py --port $(HUB_PORT)

hub-load: hub-prereqs
	$(BIN)/python deploy/load.py

# sync-scenarios: course/ is self-contained (no symlinks): each assignment's scenarios/ holds
# real copies of its module's scenario files, modules/NN-slug/scenarios/<same name>. Authors edit
# the module's copy; this copies every such file (and replaces any symlink) into course/source/.
# tests/content/test_course_self_contained.py fails while a copy differs or a symlink remains.
sync-scenarios:
	@for copy in course/source/*/scenarios/*.yaml; do \
	  assignment=$$(basename $$(dirname $$(dirname $$copy))); \
	  module=modules/$$assignment/scenarios/$$(basename $$copy); \
	  if [ ! -f "$$module" ]; then echo "$$copy: no $$module to copy from"; exit 1; fi; \
	  if [ -L "$$copy" ] || ! cmp -s "$$module" "$$copy"; then \
	    cp --remove-destination "$$module" "$$copy" && echo "updated $$copy"; fi; \
	done
