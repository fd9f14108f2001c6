"""The command line explains itself: every command's --help has a description and options
described for what that command does with them; --version; Qt's options for the window only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli.main import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = (
    "export",
    "simulate",
    "resend",
    "import",
    "maintain",
    "desktop-entry",
    "subscribe",
    "subscriptions",
)


def help_of(*words: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main([*words, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_description_and_described_options(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    sub = subparsers.choices[command]  # type: ignore[attr-defined]
    assert sub.description and len(sub.description) > 30
    undescribed = [a.option_strings or [a.dest] for a in sub._actions if not a.help]
    assert undescribed == []
    assert sub.description.split()[0] in help_of(command, capsys=capsys)


def test_simulate_port_is_where_it_sends_not_where_it_listens(capsys: pytest.CaptureFixture[str]) -> None:
    text = " ".join(help_of("simulate", capsys=capsys).split())
    assert "port to listen on" not in text
    assert "--port PORT port of this app's receiver to send to" in text
    # The choices are listed, with what each scenario means.
    assert "{juno,stripe,github}" in text
    for scenario in ("paid", "cancelled", "refunded", "duplicates", "out-of-order", "forged"):
        assert scenario in text


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"webhook-monitor {__version__}"


def test_qt_options_with_a_command_are_refused_in_words() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "export", "-style", "fusion"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert "for the window only" in result.stderr
