"""`python main.py resend --id ID --to URL`: re-send one stored event from a script.

Exit codes: 0 when the target answered 2xx, 1 for any other answer or a failure to send,
2 when the event does not exist. The attempt is recorded like one made from the window, so
it shows in the event's Attempts tab.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.core.model import CapturedRequest
from desktop.core.records import Attempt
from desktop.delivery.bulk import resend_command
from desktop.runtime import open_store_for_reading


def run_resend(data_dir: Path, event_id: int, url: str, store_url: str | None = None) -> int:
    store = open_store_for_reading(data_dir, store_url)
    delivery = store.open_delivery()
    try:
        if store.event(event_id, with_body=False) is None:
            where = "the PostgreSQL store" if store_url else data_dir  # a URL may hold a password
            print(f"error: event {event_id} not found in {where}", file=sys.stderr)
            return 2

        def load(wanted: int) -> CapturedRequest | None:
            event = store.event(wanted)
            return event.request if event is not None else None

        def record(attempt: Attempt) -> None:
            delivery.record_attempt(attempt)

        code, line = resend_command(event_id, url, load, record=record)
    finally:
        delivery.close()
        store.close()
    print(line)
    return code
