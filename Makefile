# Selfkind: every target creates or reuses the virtual environment in .venv.
# `make run` serves the course; `make test` runs every test tier.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8866

.PHONY: run lab test check bench clean help

help:
	@echo "make run    - install and serve the course on http://$(HOST):$(PORT)/ (Voila, no code shown)"
	@echo "make lab    - install and open the course in JupyterLab"
	@echo "make test   - install the test extra and run every test tier"
	@echo "make check  - check every scenario file under modules/"
	@echo "make bench  - print benchmark figures"

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

run: $(VENV)/.installed
	@echo ""
	@echo "  Selfkind is being served at  http://$(HOST):$(PORT)/"
	@echo "  Open that address in your browser. Stop with Ctrl+C."
	@echo ""
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(BIN)/voila modules --no-browser --Voila.ip=$(HOST) --port=$(PORT)

lab: $(VENV)/.installed
	$(BIN)/jupyter lab --ServerApp.ip=$(HOST) --no-browser $(if $(filter 0,$(shell id -u)),--allow-root,) modules

test: $(VENV)/.installed-test
	$(BIN)/selfkind check modules
	$(BIN)/python -m pytest

check: $(VENV)/.installed
	$(BIN)/selfkind check modules

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_engine.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache
