"""The window follows the store: rows another process writes, recognises or deletes show up."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.config import Endpoint, Settings
from desktop.runtime import build_services
from desktop.ui.app import create_window
from desktop.ui.events.model import Col
from desktop.ui.main_window import MainWindow
from tests.app.conftest import no_keyring
from tests.app.receivers import ROOT, Receiver, post, write_config
from tests.bench.bench_payloads import juno_body

DELETE_SCRIPT = """
import sys
from pathlib import Path
from desktop.core.config import Settings
from desktop.runtime import Deriver
from desktop.store.entities import enrich_event
from desktop.store.events import open_store
store = open_store(Path(sys.argv[1]), Deriver(Settings()), enrich_event)
print(store.delete([int(i) for i in sys.argv[2:]]).result(30))
store.close()
"""


@pytest.fixture
def receiver(data_dir: Path, tmp_path: Path) -> Iterator[Receiver]:
    running = Receiver(data_dir, write_config(tmp_path / "config.toml"))
    yield running
    running.stop()


@pytest.fixture
def window(qtbot, data_dir: Path, receiver: Receiver) -> Iterator[MainWindow]:
    """A window on the receiver's data directory; its own listener is not even started."""
    settings = Settings(host="127.0.0.1", port=0, endpoints=(Endpoint(path="/juno", provider="juno"),))
    services = build_services(settings, data_dir, keyring_backend=no_keyring())
    win = create_window(services)
    qtbot.addWidget(win)
    yield win
    win.close()
    services.close()


def test_the_window_shows_events_a_headless_receiver_stores_and_recognises(
    qtbot, window: MainWindow, receiver: Receiver
) -> None:
    events, payments = window.events.model, window.payments.model
    sent_at = time.monotonic()
    ids = [post(receiver.port, "/juno/notify", juno_body(n)) for n in (1, 2, 3)]
    assert None not in ids
    qtbot.waitUntil(lambda: events.rowCount() == 3, timeout=5000)
    shown_after = time.monotonic() - sent_at
    # Recognition (done by the receiver, moments after it stored them) reaches the window too.
    qtbot.waitUntil(lambda: events.index(0, Col.PROVIDER).data() == "juno", timeout=5000)
    qtbot.waitUntil(lambda: payments.rowCount() == 3, timeout=5000)
    assert events.index(0, Col.PATH).data() == "/juno/notify"
    assert window.count_label.text() == window.tr("%Ln event(s)", "", 3)  # "3 events" in words
    print(f"3 rows shown {shown_after * 1000:.0f} ms after the first POST was sent")


def test_the_window_drops_events_another_process_deletes(
    qtbot, window: MainWindow, receiver: Receiver, data_dir: Path
) -> None:
    ids = [post(receiver.port, "/juno/notify", juno_body(n)) for n in (1, 2, 3)]
    qtbot.waitUntil(lambda: window.payments.model.rowCount() == 3, timeout=5000)
    deleted = subprocess.run(
        [sys.executable, "-c", DELETE_SCRIPT, str(data_dir), str(ids[0]), str(ids[1])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert deleted.stdout.strip() == "2", deleted.stderr
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: window.payments.model.rowCount() == 1, timeout=5000)
    assert window.events.model.event_id(0) == ids[2]
