"""What the inspector shows of a body: kinds, layouts, parts, and the body process's answers."""

from __future__ import annotations

import io
import json

import pytest

from desktop.core.body_render import NO_JSON, SYNC_LIMIT, image_complete, image_type, render, render_steps
from desktop.core.body_view import PREVIEW_LIMIT, BodyKind, raw_request_text
from desktop.core.body_worker import Worker, read_message, serve, write_message
from desktop.core.form_parts import boundary_of, multipart_parts
from desktop.core.json_preview import reindent
from desktop.core.json_tree import JsonRow, filter_text, page, value_bytes
from desktop.core.model import CapturedRequest
from desktop.core.query import JsonPath, parse
from desktop.core.xml_pretty import pretty_xml

MULTIPART = (
    b"--XyZ\r\n"
    b'Content-Disposition: form-data; name="event"\r\n\r\n'
    b"payment.paid\r\n"
    b"--XyZ\r\n"
    b'Content-Disposition: form-data; name="receipt"; filename="recibo.pdf"\r\n'
    b"Content-Type: application/pdf\r\n\r\n"
    b"%PDF-1.4\r\n\x00\x01\xff\r\n"
    b"--XyZ--\r\n"
)


def request(body: bytes, content_type: str = "application/json") -> CapturedRequest:
    return CapturedRequest("POST", "/hook", "", [("Content-Type", content_type)], body, 1.0)


@pytest.mark.parametrize(
    "document",
    [{"b": {"c": [1, 2]}}, [], {}, {"a": [], "b": {}, "c": [{"x": 'y, "z" :'}], "n": None, "t": True}],
)
def test_reindent_lays_out_like_json_dumps(document: object) -> None:
    compact = json.dumps(document, separators=(",", ":"))
    assert reindent(compact, 10**6) == (json.dumps(document, indent=2), False)


def test_reindent_keeps_numbers_and_escapes_as_sent_and_stops_at_the_limit() -> None:
    text, cut = reindent('{"v":1e999999999,"s":"\\u00e7"}', 10**6)
    assert text == '{\n  "v": 1e999999999,\n  "s": "\\u00e7"\n}'
    assert not cut
    text, cut = reindent("[" + ",".join(["1"] * 1000) + "]", 100)
    assert cut and len(text) == 100


def test_a_big_json_body_comes_as_a_preview_then_the_parsed_document() -> None:
    items = [{"id": n, "status": "PAID"} for n in range(20_000)]
    body = json.dumps(items).encode()
    assert len(body) > SYNC_LIMIT
    first, final = list(render_steps(request(body)))
    assert not first.final and first.document is NO_JSON
    assert first.text.startswith('[\n  {\n    "id": 0,')
    assert final.final and final.kind == BodyKind.JSON
    assert final.document == items
    assert final.truncated and len(final.text) == PREVIEW_LIMIT


def test_a_big_invalid_json_body_ends_as_invalid_with_where() -> None:
    body = b'{"a": [' + b"1," * 200_000 + b"]"
    steps = list(render_steps(request(body)))
    assert steps[-1].kind == BodyKind.INVALID_JSON
    assert steps[-1].note.startswith("not valid JSON: ")


def test_multipart_parts_keep_their_exact_bytes() -> None:
    parts = multipart_parts(MULTIPART, "multipart/form-data; boundary=XyZ")
    assert parts is not None
    assert [(p.name, p.filename, p.content_type) for p in parts] == [
        ("event", None, "text/plain"),
        ("receipt", "recibo.pdf", "application/pdf"),
    ]
    assert parts[0].data == b"payment.paid"
    assert parts[1].data == b"%PDF-1.4\r\n\x00\x01\xff"


def test_a_multipart_body_renders_as_parts_even_with_binary_files() -> None:
    rendered = render(request(MULTIPART, 'multipart/form-data; boundary="XyZ"'))
    assert rendered.kind == BodyKind.MULTIPART
    assert rendered.note == "multipart: 2 parts, 1 file"


def test_a_body_that_is_not_multipart_gives_no_parts() -> None:
    assert boundary_of("application/json") is None
    assert multipart_parts(b"no delimiters here", "multipart/form-data; boundary=XyZ") is None


def test_form_fields_are_decoded() -> None:
    rendered = render(
        request(b"nome=Jos%C3%A9+da+Silva&valor=10.50&vazio=", "application/x-www-form-urlencoded")
    )
    assert rendered.kind == BodyKind.FORM
    assert rendered.fields == [("nome", "José da Silva"), ("valor", "10.50"), ("vazio", "")]


def test_xml_is_laid_out_and_broken_xml_is_shown_as_text() -> None:
    rendered = render(
        request(b'<?xml version="1.0"?><nfe><emit cnpj="1"/><total>10.50</total></nfe>', "text/xml")
    )
    assert rendered.kind == BodyKind.XML
    assert rendered.text.splitlines() == [
        '<?xml version="1.0" ?>',
        "<nfe>",
        '  <emit cnpj="1"/>',
        "  <total>10.50</total>",
        "</nfe>",
    ]
    broken = render(request(b"<nfe><emit></nfe>", "application/xml"))
    assert broken.kind == BodyKind.TEXT and broken.note.startswith("XML shown as text: mismatched tag")


def test_xml_entity_bombs_are_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
        + b"]><l>&i;</l>"
    )
    laid_out, why = pretty_xml(bomb.decode())
    assert laid_out is None and why


def test_images_are_known_by_their_first_bytes() -> None:
    assert image_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert image_type(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert image_type(b"<svg/>") == ""  # whatever the Content-Type says: shown as text
    rendered = render(request(b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"))
    assert rendered.kind == BodyKind.IMAGE and rendered.hex_text.startswith("00000000  89 50 4e 47")


def test_the_raw_tab_never_decodes_more_than_the_preview() -> None:
    body = b'{"a":"' + "ç".encode() * (PREVIEW_LIMIT // 2 + 1) + b'"}'  # the cut falls inside a character
    text = raw_request_text(request(body))
    assert text.startswith("POST /hook HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{")
    assert "\\x" not in text and "00000000" not in text


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("data", 0, "attributes", "status"), "PAID", "body.data[0].attributes.status:PAID"),
        (("a",), 'dois "valores" *', 'body.a:"dois \\"valores\\" \\*"'),
        (("a",), 12.5, "body.a:12.5"),
        (("a",), True, "body.a:true"),
        (("a",), None, "body.a:null"),
        (("a",), {"x": 1}, "body.a:*"),
        (("a",), "OR", 'body.a:"OR"'),
    ],
)
def test_a_copied_path_parses_back_to_the_same_path_and_value(
    path: tuple, value: object, expected: str
) -> None:
    text = filter_text(path, value)
    assert text == expected
    parsed = parse(text)
    assert isinstance(parsed, JsonPath) and parsed.path == path


def test_keys_the_filter_language_cannot_spell_give_no_filter() -> None:
    assert filter_text(("a b",), 1) is None
    assert filter_text(("a.b",), 1) is None
    assert filter_text((), {}) is None
    assert filter_text(("a",), "") is None


def test_tree_pages_and_values_by_path() -> None:
    document = {"data": [{"status": "PAID", "n": n} for n in range(5)], "name": "Loja"}
    (top,) = page(document, None, 0, 1)
    assert (top.key_text, top.value_text, top.child_count) == ("body", "{2 keys}", 2)
    rows = page(document, ("data",), 1, 2)
    assert [row.key_text for row in rows] == ["[1]", "[2]"]
    assert rows[0].filter == "body.data[1]:*"
    (status, _n) = page(document, ("data", 1), 0, 10)
    assert (status.value_text, status.type_text, status.filter) == (
        '"PAID"',
        "string",
        "body.data[1].status:PAID",
    )
    assert value_bytes(document, ("name",)) == b"Loja"
    assert json.loads(value_bytes(document, ("data", 4))) == {"status": "PAID", "n": 4}
    assert JsonRow("k", ("k",), list(range(3))).value_text == "[3 items]"


def test_the_body_process_protocol_round_trips_through_pipes() -> None:
    body = json.dumps({"data": [{"status": "PAID"}] * 30_000}).encode()
    requests = io.BytesIO()
    for message in (
        ("render", 7, request(body)),
        ("page", 7, 1, ("data",), 0, 2),
        ("value", 7, 2, ("data", 0, "status")),
        ("page", 6, 3, None, 0, 1),  # an old ticket: answered empty, never with another body's rows
        ("bogus", 8),
    ):
        write_message(requests, message)
    requests.seek(0)
    replies = io.BytesIO()
    serve(requests, replies)
    replies.seek(0)
    answers = []
    while (reply := read_message(replies)) is not None:
        answers.append(reply)
    kinds = [answer[0] for answer in answers]
    assert kinds == ["rendered", "rendered", "page", "value", "page", "failed"]
    assert answers[0][2].final is False and answers[1][3] is True  # the final one has a tree
    assert answers[1][2].document is NO_JSON  # the document stays in the body process
    assert [row.key_text for row in answers[2][3]] == ["[0]", "[1]"]
    assert answers[3][3] == b"PAID"
    assert answers[4][3] == []
    assert answers[5][2].startswith("ValueError: unknown request")


def test_the_worker_survives_a_failing_request() -> None:
    worker = Worker()
    worker.handle(("render", 1, request(b'{"a": 1}')))
    assert worker.handle(("value", 1, 5, ("missing",)))[0][0] == "failed"
    assert worker.handle(("value", 1, 6, ("a",))) == [("value", 1, 6, b"1")]


def test_a_big_hostile_body_still_degrades_to_text_with_a_note() -> None:
    deep = b"[" * 200_000 + b"]" * 200_000  # past SYNC_LIMIT: rendered by the body process
    assert len(deep) > SYNC_LIMIT
    *_, final = render_steps(request(deep))
    assert final.kind == BodyKind.TEXT
    assert final.note == "JSON nested too deeply to lay out: shown as text"
    digits = b'{"amount": ' + b"9" * 300_000 + b"}"
    *_, final = render_steps(request(digits))
    assert final.note.startswith("JSON with a number too long to lay out")


def test_only_whole_pictures_go_to_a_decoder() -> None:
    # Qt's decoders log warnings on damaged data; a body that merely starts like a picture
    # (any webhook body may) is never handed to one.
    jpeg_start = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0\x00\x11\x08\x00\x10\x00\x10\x03" + bytes(9)
    assert image_complete(jpeg_start + frame + b"scan data\xff\xd9", "image/jpeg")
    assert not image_complete(jpeg_start + b"scan data\xff\xd9", "image/jpeg")  # no frame header
    assert not image_complete(b"\xff\xd8\xff" + bytes(40), "image/jpeg")
    assert not image_complete(jpeg_start + frame, "image/jpeg")  # cut before its end
    assert not image_complete(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20), "image/png")
    assert not image_complete(b"BM" + (999).to_bytes(4, "little") + bytes(10), "image/bmp")


def test_the_worker_counts_matches_in_the_whole_body_as_received() -> None:
    worker = Worker()
    body = json.dumps([{"status": "PAID"}] * 40_000).encode()
    worker.handle(("render", 3, request(body)))
    assert worker.handle(("count", 3, 1, "paid")) == [("count", 3, 1, 40_000)]
    assert worker.handle(("count", 2, 2, "paid")) == [("count", 2, 2, 0)]  # an old ticket
