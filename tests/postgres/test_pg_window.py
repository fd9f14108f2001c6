"""The window on a PostgreSQL store: live rows, the inspector, the payments view (offscreen)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.config import Settings
from desktop.runtime import Services, build_services
from desktop.store.postgres.retention import PgPruner
from desktop.ui.app import create_window
from desktop.ui.events.model import Col
from desktop.ui.main_window import MainWindow
from tests.app.conftest import no_keyring, send_raw
from tests.postgres.test_pg_ingest import ENDPOINTS, SECRET, send_story


@pytest.fixture
def pg_window(qtbot, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("TEST_PG_JUNO_SECRET", SECRET)
    settings = Settings(host="127.0.0.1", port=0, endpoints=ENDPOINTS, store_url=pg_url)
    services: Services = build_services(settings, tmp_path / "data", keyring_backend=no_keyring())
    win = create_window(services)
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.start_listener()
    yield win
    win.close()
    services.close()


def test_rows_show_live_and_inspect_on_postgresql(qtbot, pg_window: MainWindow) -> None:
    port = pg_window.services.listener.port
    headers = [("X-Second", "2"), ("x-first", "1"), ("Content-Type", "application/json")]
    send_raw(port, "POST", "/first?k=v", headers, b'{"b":{"c":[1,2]}}')
    send_story(pg_window.services, 7)
    model = pg_window.events.model
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=10_000)
    assert model.index(3, Col.PATH).data() == "/first?k=v"
    assert model.index(0, Col.PATH).data() == "/juno"
    pg_window.events.table.selectRow(3)
    inspector = pg_window.events.inspector
    names = [inspector.header_table.item(r, 0).text() for r in range(inspector.header_table.rowCount())]
    assert names[1:4] == ["X-Second", "x-first", "Content-Type"]
    assert inspector._body.text.toPlainText() == json.dumps({"b": {"c": [1, 2]}}, indent=2)
    assert not pg_window.grab().isNull()


def test_payments_view_shows_the_sale_on_postgresql(qtbot, pg_window: MainWindow) -> None:
    send_story(pg_window.services, 8)
    pg_window.services.store.settled().result(timeout=30)
    payments = pg_window.payments.model
    qtbot.waitUntil(lambda: payments.rowCount() == 1, timeout=10_000)  # one sale: the charge and its payment
    # The day's totals come from PostgreSQL too: one sale, counted once.
    qtbot.waitUntil(lambda: "Confirmed today: 1 ·" in pg_window.totals.text(), timeout=10_000)
    pg_window.tabs.setCurrentIndex(pg_window.tabs.indexOf(pg_window.payments))
    assert not pg_window.grab().isNull()


def test_sqlite_only_features_are_not_offered_in_team_mode(pg_window: MainWindow) -> None:
    """Compact works on the data directory's SQLite file only: in team mode it is not in the
    File menu, and no local file size is shown. Import and Retention are offered (they work
    on PostgreSQL; re-send, forwarding and actions: test_delivery_window.py)."""
    menu_texts = [action.text() for action in pg_window.menuBar().actions()[0].menu().actions()]
    assert not any("Compact" in text for text in menu_texts)
    assert any("Import" in text for text in menu_texts) and any("Retention" in text for text in menu_texts)
    assert pg_window.storage.size_label.isHidden()
    assert isinstance(pg_window.services.pruner, PgPruner)
