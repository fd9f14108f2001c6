# Shortcuts for dev.py, which does the work with nothing but Python 3.11+ (see README's quick start).
PYTHON ?= python3

.PHONY: run test lint bench screenshot clean

run:
	$(PYTHON) dev.py run $(ARGS)

test:
	$(PYTHON) dev.py test

lint:
	$(PYTHON) dev.py lint

bench:
	$(PYTHON) dev.py bench

screenshot:
	$(PYTHON) dev.py screenshot

clean:
	rm -rf .venv
