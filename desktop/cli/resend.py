"""`python main.py resend --id ID --to URL`: re-send one stored event from a script.

Exit codes: 0 when the target answered 2xx, 1 for any other answer or a failure to send,
2 when the event does not exist. The attempt is recorded like one made from the window, so
it shows in the event's Attempts tab.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.core.model import CapturedRequest, Derived
from desktop.delivery.bulk import resend_command
from desktop.delivery.sender import Attempt
from desktop.store.database import connect
from desktop.store.delivery_store import DeliveryStore
from desktop.store.events import Store


def _no_derive(_request: CapturedRequest) -> Derived:
    return Derived()  # never called: the store's writer is not started here


def run_resend(data_dir: Path, event_id: int, url: str) -> int:
    # The writer thread is not started: this command only reads events and writes attempts.
    store = Store(data_dir, _no_derive)
    conn = connect(store.path)
    try:
        if store.event(event_id, with_body=False) is None:
            print(f"error: event {event_id} not found in {data_dir}", file=sys.stderr)
            return 2
        delivery = DeliveryStore(conn)

        def load(wanted: int) -> CapturedRequest | None:
            event = store.event(wanted)
            return event.request if event is not None else None

        def record(attempt: Attempt) -> None:
            delivery.record_attempt(attempt)

        code, line = resend_command(event_id, url, load, record=record)
    finally:
        conn.close()
        store.close()
    print(line)
    return code
