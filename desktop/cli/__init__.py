"""The command line: `main.py` parses in `main`, and each command lives in a module of its own."""
