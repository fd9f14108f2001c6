"""Set up and run the project with nothing but Python 3.11+: `python3 dev.py run` or `python3 dev.py test`.

The README's quick start, the Makefile and CI (`.ci/run`) all come through here, so a newcomer's
machine and CI take the same path. It creates `.venv` beside this file, installs the project
with its test tools when pyproject.toml changed, checks that Qt can load, then runs:

    run [ARGS...]     the app (`main.py ARGS`); e.g. `python3 dev.py run --headless --port 9000`
    test [PYTEST...]  ruff, ruff format --check, mypy on desktop/ and tools/, then pytest offscreen
    lint              ruff and mypy only
    bench             every benchmark under tests/bench/
    screenshot        regenerate resources/screenshots/ from the real window

Only the standard library is used here, since nothing else is installed yet.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
QT_LIBS_DEBIAN = "libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3"
BENCHMARKS = ("ingest.py", "table.py", "filter.py", "resend.py")


def fail(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr)
    sys.exit(1)


def ensure_python() -> None:
    # dev.py runs under whatever `python3` is, before pyproject's requires-python can say so.
    if sys.version_info < (3, 11):  # noqa: UP036
        fail(f"Python 3.11 or newer is needed (this is {platform.python_version()}); run dev.py with it.")


def stamp() -> Path:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return VENV / f".installed-{digest}"


def create_venv() -> None:
    print("dev.py: creating .venv", flush=True)
    try:
        venv.create(VENV, with_pip=True, clear=True)
    except (subprocess.CalledProcessError, OSError):
        # Debian and Ubuntu ship Python without ensurepip unless python3-venv is installed:
        # make the environment without pip, then bring pip in from PyPI's wheel.
        venv.create(VENV, with_pip=False, clear=True)
        install_pip_from_pypi()


def install_pip_from_pypi() -> None:
    print("dev.py: ensurepip is missing; fetching pip from PyPI", flush=True)
    index = "https://pypi.org/pypi/pip/json"
    with urllib.request.urlopen(index, timeout=60) as answer:
        release = json.load(answer)
    wheel = next(f for f in release["urls"] if f["filename"].endswith(".whl"))
    url = urllib.parse.urljoin(index, wheel["url"])  # a mirror may answer with relative links
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        with urllib.request.urlopen(url, timeout=120) as answer:
            data = answer.read()
        if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
            fail("the pip wheel from PyPI did not match its published checksum")
        path.write_bytes(data)
        # A pip wheel runs as a zip application: it can install itself.
        subprocess.check_call([str(PY), f"{path}/pip", "install", "--quiet", str(path)])


def ensure_venv() -> None:
    ensure_python()
    if not PY.exists():
        create_venv()
    if stamp().exists():
        return
    print("dev.py: installing the project and its test tools into .venv", flush=True)
    pip = [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.check_call([*pip, "--upgrade", "pip"])
    subprocess.check_call([*pip, "-e", ".[test]"], cwd=ROOT)
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp().touch()


def ensure_qt() -> None:
    """Qt's offscreen platform still needs EGL, xkbcommon and fontconfig from the system."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run([str(PY), "-c", "import PySide6.QtWidgets"], env=env, capture_output=True)
    if probe.returncode == 0:
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0 and os.environ.get("CI"):
        print(f"dev.py: installing Qt's system libraries: {QT_LIBS_DEBIAN}", flush=True)
        subprocess.check_call([apt, "update", "-qq"])
        subprocess.check_call([apt, "install", "-y", "-qq", *QT_LIBS_DEBIAN.split()])
        return
    hint = f"On Debian/Ubuntu: sudo apt-get install {QT_LIBS_DEBIAN}" if apt else ""
    fail(f"Qt cannot load its system libraries.\n{probe.stderr.decode(errors='replace').strip()}\n{hint}")


def run_steps(steps: list[list[str]], env: dict[str, str] | None = None) -> int:
    for step in steps:
        code = subprocess.call(step, cwd=ROOT, env=env)
        if code != 0:
            return code
    return 0


def lint_steps() -> list[list[str]]:
    return [
        [str(BIN / "ruff"), "check", "."],
        [str(BIN / "ruff"), "format", "--check", "."],
        [str(BIN / "mypy"), "desktop", "tools"],
    ]


def run_app(args: list[str]) -> int:
    """The app in a child process. Ctrl+C in the terminal reaches the whole process group: the
    app closes itself cleanly on it, so this parent only waits for it (no traceback of its own)."""
    child = subprocess.Popen([str(PY), "main.py", *args], cwd=ROOT)
    # Ignored only after the child started: a child born with SIGINT ignored keeps it ignored.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return child.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("run", [])
    if command in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if command not in ("run", "test", "lint", "bench", "screenshot"):
        fail(f"unknown command {command!r}; use run, test, lint, bench or screenshot")
    ensure_venv()
    ensure_qt()
    offscreen = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if command == "run":
        return run_app(rest)
    if command == "lint":
        return run_steps(lint_steps())
    if command == "test":
        pytest = [str(PY), "-m", "pytest", "-n", "2", "-q", *rest]
        return run_steps([*lint_steps(), pytest], env=offscreen)
    if command == "bench":
        return run_steps([[str(PY), f"tests/bench/{name}"] for name in BENCHMARKS])
    return run_steps([[str(PY), "resources/make_screenshot.py"]], env=offscreen)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
