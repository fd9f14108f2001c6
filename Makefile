# Two commands on a fresh machine with Python 3.11+:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint bench screenshot clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %s)" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@QT_QPA_PLATFORM=offscreen $(PY) -c 'import PySide6.QtWidgets' 2>/dev/null || { \
	  echo "Qt cannot load its system libraries. On Debian/Ubuntu: sudo apt-get install libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3"; exit 1; }
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)
	$(PY) main.py $(ARGS)

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy desktop
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy desktop

bench: $(STAMP)
	$(PY) tests/bench/ingest.py
	$(PY) tests/bench/table.py
	$(PY) tests/bench/filter.py
	$(PY) tests/bench/resend.py

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) resources/make_screenshot.py

clean:
	rm -rf $(VENV)
