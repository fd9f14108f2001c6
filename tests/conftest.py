"""Shared test setup: offscreen Qt, a fresh data directory per test, the fixture deliveries."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"


def load_cases() -> list[dict[str, Any]]:
    return json.loads((FIXTURES / "webhooks.json").read_text(encoding="utf-8"))["cases"]


def case_body(case: dict[str, Any]) -> bytes:
    body = case["body"]
    if isinstance(body, dict):
        return base64.b64decode(body["base64"])
    return body.encode("utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(scope="session", autouse=True)
def english(qapp: Any) -> Iterator[None]:
    """Tests see the window as an English user does: the English translation installed (its
    texts are the sources, plus plural forms: "1 event", not "1 event(s)") and the en_US
    locale, whatever the machine's. Tests that need Portuguese ask for `pt_br`."""
    from PySide6.QtCore import QLocale

    from desktop.ui.i18n import install_translators, remove_translators

    before = QLocale()
    translators = install_translators(qapp, "en")
    yield
    remove_translators(qapp, translators, before)


@pytest.fixture
def pt_br(qapp: Any) -> Iterator[None]:
    """The app's pt_BR translations (ours and Qt's) and locale for one test, English after.

    Tests run in English (the `english` fixture) unless they ask for this. Build the widgets
    after the fixture starts: texts are translated when a widget is built.
    """
    from PySide6.QtCore import QLocale

    from desktop.ui.i18n import install_translators, remove_translators

    before = QLocale()
    translators = install_translators(qapp, "pt_BR")
    yield
    remove_translators(qapp, translators, before)
