"""Two deliveries compared: headers by name, JSON bodies path by path, other bodies by line."""

from __future__ import annotations

import json

from desktop.core.body_diff import (
    MAX_CHANGES,
    Change,
    Difference,
    compare,
    header_differences,
    json_differences,
)
from desktop.core.model import CapturedRequest


def request(body: bytes, headers: list[tuple[str, str]] | None = None) -> CapturedRequest:
    return CapturedRequest("POST", "/hook", "", headers or [("Content-Type", "application/json")], body, 1.0)


def test_json_differences_name_changed_added_and_removed_paths_in_document_order() -> None:
    working = {"status": "PAID", "data": {"items": [1, 2, 3], "due": "2026-12-05"}, "id": "a"}
    failing = {"status": "FAILED", "data": {"items": [1, 5]}, "id": "a", "retry": 2}
    differences, cut = json_differences(working, failing)
    assert not cut
    assert differences == [
        Difference("body.status", Change.CHANGED, '"PAID"', '"FAILED"'),
        Difference("body.data.items[1]", Change.CHANGED, "2", "5"),
        Difference("body.data.items[2]", Change.REMOVED, "3", ""),
        Difference("body.data.due", Change.REMOVED, '"2026-12-05"', ""),
        Difference("body.retry", Change.ADDED, "", "2"),
    ]


def test_a_changed_type_is_a_change_even_when_python_calls_the_values_equal() -> None:
    differences, _ = json_differences({"a": 1, "b": True}, {"a": 1.0, "b": 1})
    assert [(d.where, d.before, d.after) for d in differences] == [
        ("body.a", "1", "1.0"),
        ("body.b", "true", "1"),
    ]


def test_identical_documents_have_no_differences_and_deep_nesting_does_not_recurse() -> None:
    def nested(leaf: str) -> object:
        deep: object = leaf
        for _ in range(50_000):
            deep = [deep]
        return deep

    assert json_differences(nested("leaf"), nested("leaf")) == ([], False)
    (difference,) = json_differences(nested("a"), nested("b"))[0]
    assert difference.where == "body" + "[0]" * 50_000


def test_the_list_of_differences_is_cut_for_unrelated_documents() -> None:
    differences, cut = json_differences(list(range(MAX_CHANGES * 2)), [-1] * (MAX_CHANGES * 2))
    assert cut and len(differences) == MAX_CHANGES


def test_headers_are_compared_by_name_whatever_their_case() -> None:
    before = [("Content-Type", "application/json"), ("X-Signature", "abc"), ("X-Old", "1")]
    after = [("content-type", "application/json"), ("X-Signature", "def"), ("X-Retry", "2")]
    assert header_differences(before, after) == [
        Difference("X-Signature", Change.CHANGED, "abc", "def"),
        Difference("X-Old", Change.REMOVED, "1", ""),
        Difference("X-Retry", Change.ADDED, "", "2"),
    ]


def test_compare_uses_json_paths_for_json_and_a_line_diff_for_text() -> None:
    a = request(json.dumps({"status": "PAID"}).encode())
    b = request(
        json.dumps({"status": "FAILED"}).encode(), [("Content-Type", "application/json"), ("X-Try", "2")]
    )
    comparison = compare(a, b)
    assert [d.where for d in comparison.headers] == ["X-Try"]
    assert [d.where for d in comparison.body] == ["body.status"]
    assert comparison.text is None and not comparison.same_body
    text = compare(request(b"hello\nworld\n", [("Content-Type", "text/plain")]), request(b"hello\nthere\n"))
    assert text.text is not None and "-world" in text.text and "+there" in text.text
    same = compare(a, a)
    assert same.same_body and same.body == [] and same.headers == []
