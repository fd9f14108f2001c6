"""A database that cannot be read: the window offers to set it aside, and never deletes it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop.core.config import Settings
from desktop.ui import app


def test_window_sets_a_corrupt_database_aside_and_starts_empty(qtbot, data_dir: Path, monkeypatch) -> None:
    garbage = b"definitely not SQLite" * 200
    (data_dir / "events.sqlite3").write_bytes(garbage)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        lambda _parent, _title, text, *_a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: QMessageBox.StandardButton.Ok)
    services = app.open_services(Settings(port=0), data_dir)
    assert services is not None
    try:
        assert "cannot be read" in asked[0]
        assert services.store.count() == 0
        kept = [p for p in data_dir.iterdir() if p.name.startswith("events.sqlite3.corrupt-")]
        assert [p.read_bytes() for p in kept] == [garbage]
    finally:
        services.close()


def test_declining_leaves_the_corrupt_database_untouched(qtbot, data_dir: Path, monkeypatch) -> None:
    (data_dir / "events.sqlite3").write_bytes(b"not a database" * 100)
    monkeypatch.setattr(QMessageBox, "critical", lambda *_a: QMessageBox.StandardButton.Cancel)
    assert app.open_services(Settings(port=0), data_dir) is None
    assert (data_dir / "events.sqlite3").read_bytes() == b"not a database" * 100
