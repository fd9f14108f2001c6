"""Building the outgoing request: path mapping, target headers, URL validation."""

from __future__ import annotations

import pytest

from desktop.core.targets import Target, TargetError, validate_url
from desktop.delivery.request_spec import build_outgoing
from tests.delivery.support import captured

APP = "http://127.0.0.1:3000/webhooks/juno"


def test_the_path_below_the_endpoint_and_the_query_are_appended():
    target = Target(name="my app", url=APP, strip_prefix="/juno")
    out = build_outgoing(captured(path="/juno/payments/1", query="a=1&b=%2F"), target)
    assert out.url == "http://127.0.0.1:3000/webhooks/juno/payments/1?a=1&b=%2F"


def test_an_event_on_the_endpoint_itself_goes_to_the_base_url():
    target = Target(name="my app", url=APP, strip_prefix="/juno")
    assert build_outgoing(captured(path="/juno"), target).url == APP


def test_without_keep_path_the_url_is_used_as_is():
    target = Target(name="my app", url=APP + "?token=1", keep_path=False)
    assert build_outgoing(captured(path="/juno/x", query="q=2"), target).url == APP + "?token=1"


def test_a_base_query_and_the_event_query_are_both_kept():
    target = Target(name="my app", url=APP + "?token=1")
    assert build_outgoing(captured(path="/x", query="q=2"), target).url == APP + "/x?token=1&q=2"


def test_target_drops_and_adds_headers_case_insensitively():
    headers = [("X-Signature", "sig"), ("Authorization", "Bearer prod"), ("X-Keep", "1")]
    target = Target(
        name="t",
        url=APP,
        drop_headers=("x-signature",),
        add_headers=(("authorization", "Bearer local"), ("X-Forwarded-By", "monitor")),
    )
    out = build_outgoing(captured(headers=headers), target)
    assert list(out.headers) == [
        ("X-Keep", "1"),
        ("authorization", "Bearer local"),
        ("X-Forwarded-By", "monitor"),
    ]


def test_an_edited_request_keeps_everything_not_edited():
    out = build_outgoing(captured(body=b"old"), Target(name="t", url=APP))
    edited = out.with_(method="PUT", body=b"new")
    assert (edited.method, edited.url, edited.headers, edited.body) == ("PUT", out.url, out.headers, b"new")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "invalid URL: it is empty"),
        ("127.0.0.1:3000", "invalid URL: it needs a scheme, e.g. http://127.0.0.1:3000"),
        ("ws://x/y", "invalid URL: only http and https are supported ('ws')"),
        ("http:///path", "invalid URL: it has no host"),
        ("http://x:99999/", "invalid URL: the port is not a number from 1 to 65535"),
        ("http://x/#frag", "invalid URL: a #fragment is never sent"),
        ("http://x y/", "invalid URL: it contains spaces"),
    ],
)
def test_url_validation_names_the_problem(url, message):
    with pytest.raises(TargetError) as caught:
        validate_url(url)
    assert str(caught.value).startswith(message.replace("('ws')", "(got 'ws')"))


def test_a_target_with_a_bad_header_name_is_refused():
    with pytest.raises(TargetError, match="invalid header name"):
        Target(name="t", url=APP, add_headers=(("Bad Name", "v"),)).validated()
