"""Hostile input never breaks reading: any bytes in are stored, recognised without exception,
drawn by every column and role of the events table, rendered by the inspector and written by
every export format. Values that cannot be shown degrade to text (or hex) with a note."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from desktop.core import export_formats as fmt
from desktop.core.config import PROVIDER_NAMES, Endpoint, Settings
from desktop.core.model import CapturedRequest, Verdict
from desktop.runtime import Deriver
from desktop.store.events import Store, open_store
from desktop.store.totals import totals
from desktop.ui.events.inspector import Inspector
from desktop.ui.events.model import Col, EventsModel, Role

ALL_TIME = 1e12  # the totals' end: every finance day up to then
ENDPOINTS = tuple(Endpoint(path=f"/{name}", provider=name, secret_env=None) for name in PROVIDER_NAMES)
SECRETS = {"standard-webhooks": "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="}
ROLES = [*range(0, 14), *(int(role) for role in Role)]
# Header names the recognisers look at, so random values reach every verifier.
SIGNATURE_HEADERS = [
    "X-Signature", "Stripe-Signature", "X-Hub-Signature-256", "X-Hub-Signature", "X-GitHub-Event",
    "webhook-id", "webhook-timestamp", "webhook-signature", "x-signature", "x-request-id",
    "asaas-access-token", "x-authenticity-token", "Content-Type",
]  # fmt: skip
HOSTILE_BODIES = [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"amount": ' + b"9" * 100_000 + b"}",
    b'{"eventId":"e","eventType":"CHARGE_STATUS_CHANGED","data":[{"entityId":"chr_1","entityType":"CHARGE",'
    b'"attributes":{"status":"PAID","amount":"1e999999999"}}]}',
    b'{"object":"event","id":"evt_1","type":"charge.succeeded","created":' + b"9" * 5000 + b","
    b'"data":{"object":{"object":"charge","id":"ch_1","amount":' + b"9" * 4000 + b',"currency":"brl"}}}',
    b'{"id":"ORDE_1","charges":[{"status":"PAID","amount":{"value":1e999999999,"currency":"BRL"}}]}',
    b'{"event":"PAYMENT_RECEIVED","payment":{"id":"pay_1","value":"-1e-999999999","status":"RECEIVED"}}',
    b'{"a": 1e999999999, "b": "<b>bold</b><img src=x>"}',
    b"\x00\xff\xfe binary \x80",
]


class Number(str):
    """A JSON number written as is (json.dumps would quote it): '1e999999999', '-0.000'."""


numbers = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: Number(str(d))),
    st.builds(lambda m, e: Number(f"{m}e{e}"), st.integers(-(10**6), 10**6), st.integers(-(10**9), 10**9)),
    st.integers(min_value=1, max_value=6000).map(lambda n: Number("9" * n)),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | numbers,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def _json_bytes(value: object) -> bytes:
    def mark(item: object) -> object:
        if isinstance(item, Number):
            return f"@@{item}@@"
        if isinstance(item, list):
            return [mark(x) for x in item]
        if isinstance(item, dict):
            return {k: mark(v) for k, v in item.items()}
        return item

    return re.sub(r'"@@(.*?)@@"', r"\1", json.dumps(mark(value))).encode()


# Provider-shaped envelopes whose fields are anything: what the describers must survive.
shaped = st.one_of(
    st.builds(
        lambda a, b, c: {
            "eventId": a, "eventType": "CHARGE_STATUS_CHANGED", "timestamp": c,
            "data": [{"entityId": a, "entityType": "CHARGE", "attributes": {"amount": b, "status": c}}],
        },
        json_values, json_values, json_values,
    ),
    st.builds(
        lambda a, b: {"object": "event", "id": a, "created": b,
                      "data": {"object": {"object": "charge", "id": a, "amount": b, "currency": a}}},
        json_values, json_values,
    ),
    st.builds(lambda a, b: {"event": "PAYMENT_RECEIVED", "payment": {"id": a, "value": b, "status": a}},
              json_values, json_values),
)  # fmt: skip
bodies = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(str.encode),
    json_values.map(_json_bytes),
    shaped.map(_json_bytes),
    st.sampled_from(HOSTILE_BODIES),
)
headers = st.lists(
    st.tuples(st.sampled_from(SIGNATURE_HEADERS) | st.text(min_size=1, max_size=12), st.text(max_size=80)),
    max_size=6,
)
paths = st.one_of(
    st.sampled_from([f"/{name}" for name in PROVIDER_NAMES] + ["/", "/JUNO/", "//stripe", "/<b>x</b>"]),
    st.text(max_size=40).map(lambda text: "/" + text),
)


@dataclass
class Reader:
    """A store and the viewers that read it: the events model and the inspector."""

    store: Store
    model: EventsModel
    inspector: Inspector

    def capture(self, request: CapturedRequest) -> int:
        event_id = self.store.writer.submit(request).result(timeout=30)
        self.store.writer.call(lambda conn: None).result(timeout=30)  # recognised, state updated
        return event_id


@pytest.fixture
def reader(qtbot, data_dir: Path) -> Iterator[Reader]:
    secrets = {f"/{name}": SECRETS.get(name, "s3cret") for name in PROVIDER_NAMES}
    deriver = Deriver(Settings(endpoints=ENDPOINTS), lambda endpoint: secrets.get(endpoint.path))
    store = open_store(data_dir, deriver)
    model = EventsModel(store)
    inspector = Inspector()
    inspector.expected_for = lambda event: deriver.expected_signature(event.request)
    qtbot.addWidget(inspector)
    yield Reader(store, model, inspector)
    model.close()
    store.close()


def read_everything(reader: Reader, event_id: int) -> None:
    """Every way the app reads one event; any exception fails the test."""
    event = reader.store.event(event_id)
    assert event is not None
    assert isinstance(event.derived.signature, Verdict)
    reader.model.set_ids(array("q", [event_id]))
    for column in Col:
        index = reader.model.index(0, column)
        for role in ROLES:
            reader.model.data(index, role)
        tooltip = reader.model.data(index, Qt.ItemDataRole.ToolTipRole)
        assert tooltip is None or "<img" not in tooltip  # payload text is never markup
    reader.inspector.show_event(event)
    reader.inspector._compute_expected()  # the on-demand signature never raises either
    json.loads(fmt.jsonl_line(event))
    assert len(list(csv.reader(io.StringIO(fmt.csv_header() + fmt.csv_line(event))))) == 2
    json.loads(json.dumps(fmt.har_entry(event), ensure_ascii=False))
    reader.store.writer.call(lambda conn: totals(conn, 0.0, ALL_TIME)).result(timeout=30)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=st.sampled_from(["POST", "GET", "PUT", "DELETE", "X"]),
    path=paths,
    query=st.text(max_size=40),
    header_list=headers,
    body=bodies,
)
def test_any_request_is_stored_recognised_rendered_and_exported(
    reader: Reader, method: str, path: str, query: str, header_list: list[tuple[str, str]], body: bytes
) -> None:
    request = CapturedRequest(method, path, query, header_list, body, 1_795_780_800.0, "127.0.0.1")
    event_id = reader.capture(request)
    stored = reader.store.event(event_id)
    assert stored is not None and stored.request.body == body  # byte-exact
    read_everything(reader, event_id)


@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_each_hostile_body_on_every_endpoint(reader: Reader, body: bytes) -> None:
    for name in PROVIDER_NAMES:
        request = CapturedRequest("POST", f"/{name}", "", [("Content-Type", "application/json")], body, 1.0)
        read_everything(reader, reader.capture(request))


# --- the degraded renderings, one by one ------------------------------------------------------


def test_deep_json_is_shown_as_text_with_a_note(reader: Reader) -> None:
    event_id = reader.capture(
        CapturedRequest("POST", "/x", "", [("Content-Type", "application/json")], HOSTILE_BODIES[0], 1.0)
    )
    reader.inspector.show_event(reader.store.event(event_id))
    pane = reader.inspector._body
    assert pane.note.text().startswith("JSON nested too deeply to lay out: shown as text")
    assert pane.text.toPlainText().startswith("[[[[")


def test_a_100000_digit_integer_is_shown_as_text_with_a_note(reader: Reader) -> None:
    event_id = reader.capture(
        CapturedRequest("POST", "/juno", "", [("Content-Type", "application/json")], HOSTILE_BODIES[1], 1.0)
    )
    event = reader.store.event(event_id)
    assert event is not None and event.derived.amount is None
    reader.inspector.show_event(event)
    pane = reader.inspector._body
    assert pane.note.text().startswith("JSON with a number too long to lay out (over 4300 digits)")
    assert pane.text.toPlainText().startswith('{"amount": 9999')


def test_an_out_of_range_json_number_is_shown_as_sent_with_a_note(reader: Reader) -> None:
    event_id = reader.capture(
        CapturedRequest("POST", "/x", "", [("Content-Type", "application/json")], HOSTILE_BODIES[6], 1.0)
    )
    reader.inspector.show_event(reader.store.event(event_id))
    pane = reader.inspector._body
    assert pane.note.text().startswith("JSON with a number out of range (1e999999999)")
    assert "1e999999999" in pane.text.toPlainText()  # not "Infinity"


def test_a_huge_amount_is_no_amount_and_the_totals_still_add_up(reader: Reader) -> None:
    event_id = reader.capture(
        CapturedRequest("POST", "/juno", "", [("Content-Type", "application/json")], HOSTILE_BODIES[2], 1.0)
    )
    event = reader.store.event(event_id)
    assert event is not None
    assert (event.derived.status, event.derived.amount) == ("PAID", None)
    reader.model.set_ids(array("q", [event_id]))
    assert reader.model.index(0, Col.AMOUNT).data() == ""
    reader.store.writer.call(lambda conn: totals(conn, 0.0, ALL_TIME)).result(timeout=30)


def test_a_huge_amount_stored_by_an_older_version_shows_as_text_with_a_note(reader: Reader) -> None:
    body = HOSTILE_BODIES[2]
    event_id = reader.capture(CapturedRequest("POST", "/juno", "", [], body, 1.0))

    def legacy(conn: sqlite3.Connection) -> None:  # as versions without bounds stored it
        conn.execute("UPDATE events SET amount = '1e999999999', currency = 'BRL' WHERE id = ?", (event_id,))
        conn.execute("UPDATE entities SET amount = '1e999999999', currency = 'BRL'")
        conn.execute("UPDATE sales SET amount = '1e999999999', currency = 'BRL'")  # totals read sales

    reader.store.writer.call(legacy).result(timeout=30)
    reader.model.set_ids(array("q", [event_id]))
    assert reader.model.index(0, Col.AMOUNT).data() == "1e999999999 (not a usable amount)"
    reader.store.writer.call(lambda conn: totals(conn, 0.0, ALL_TIME)).result(
        timeout=30
    )  # no decimal.Overflow
    read_everything(reader, event_id)


def test_payload_text_in_a_tooltip_is_plain_text(reader: Reader) -> None:
    event_id = reader.capture(CapturedRequest("POST", "/<b>bold</b>", "<i>q</i>", [], b"", 1.0))
    reader.model.set_ids(array("q", [event_id]))
    tooltip = reader.model.index(0, Col.PATH).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt;" in tooltip and "<b>" not in tooltip
