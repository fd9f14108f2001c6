"""`pip install .` gives an app that runs outside the source tree: commands, icon, metadata.

A real, non-editable install into a fresh virtual environment: no network (the current
environment's packages are made visible to it, and the build uses its setuptools), and a copy
of the project as the source so the build leaves nothing behind in the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("pyproject.toml", "README.md", "LICENSE", "desktop")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the project installed from a copy of the tree; returns its bin directory."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    for name in SHIPPED:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    env_dir = base / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=False)
    python = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    # The dependencies (and pip, setuptools) come from the environment running the tests, put
    # after the new venv's own site-packages so the installed copy of the app wins. A plain
    # path line: the current venv's .pth files (its editable install) are not run.
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(target, "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", "-q", "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.rmtree(source)  # nothing of the tree is left to find by accident
    return python.parent


def test_the_installed_package_finds_its_icon_outside_the_source_tree(
    installed: Path, tmp_path: Path
) -> None:
    probe = (
        "import json, desktop; from desktop.resources import resource_path as r; "
        "print(json.dumps([desktop.__file__, str(r('icons/app.svg')), r('icons/app.svg').is_file(), "
        "r('linux/webhook-monitor.desktop').is_file()]))"
    )
    out = subprocess.run(
        [str(installed / "python"), "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    package_file, icon, icon_exists, desktop_entry_exists = json.loads(out)
    prefix = str(installed.parent)
    assert package_file.startswith(prefix), package_file  # the installed copy, not the checkout
    assert icon.startswith(prefix) and icon_exists
    assert desktop_entry_exists


def test_the_console_and_gui_commands_are_installed(installed: Path, tmp_path: Path) -> None:
    assert (installed / "webhook-monitor-gui").exists()
    result = subprocess.run(
        [str(installed / "webhook-monitor"), "--version"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    from desktop import __version__

    assert result.stdout.strip() == f"webhook-monitor {__version__}"


def test_the_installed_metadata_names_license_and_version(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import importlib.metadata as m, json; d = m.metadata('webhook-monitor'); "
        "print(json.dumps([d['Version'], d.get('License-Expression'), d['Summary']]))"
    )
    out = subprocess.run(
        [str(installed / "python"), "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    version, license_expression, summary = json.loads(out)
    from desktop import __version__

    assert version == __version__
    assert license_expression == "MIT"
    assert "webhook" in summary.lower()


def test_python_main_py_without_the_dependencies_carries_on_in_the_project_venv(tmp_path: Path) -> None:
    """The README's `python main.py export ...` after the quick start, run by a Python that has
    none of the app's packages (`-S -I`: no site-packages at all), still works."""
    venv_python = ROOT / ".venv" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    if not venv_python.exists():
        pytest.skip(
            "this checkout has no .venv (made by `python3 dev.py`), so there is nothing to carry on in"
        )
    base_python = getattr(sys, "_base_executable", sys.executable)
    result = subprocess.run(
        [base_python, "-S", "-I", str(ROOT / "main.py"), "export", "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No module named" not in result.stderr


def test_desktop_entry_puts_the_app_in_the_menu_pointing_at_this_installation(
    installed: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    command = [str(installed / "webhook-monitor"), "desktop-entry"]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "share/applications/webhook-monitor.desktop"
    fields = dict(line.split("=", 1) for line in entry.read_text().splitlines() if "=" in line)
    assert fields["Exec"] == str(installed / "webhook-monitor-gui")
    assert fields["Icon"] == "webhook-monitor"
    assert fields["StartupWMClass"] == "webhook-monitor"  # the window class the app sets
    icon = tmp_path / "share/icons/hicolor/scalable/apps/webhook-monitor.svg"
    assert icon.read_bytes().startswith(b"<")
    removed = subprocess.run([*command, "--remove"], cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert removed.returncode == 0
    assert not entry.exists() and not icon.exists()
