"""Off loopback needs a token; a token, when set, applies everywhere and is never stored; TLS."""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop.core.config import ConfigError, settings_from_dict
from desktop.listener.server import ListenerError
from desktop.runtime import Services
from desktop.ui.widgets.listener_bar import ListenerBar
from tests.reliability.listener_support import env_for_subprocess, main_py, post, start_services

TOKEN = "s3cr3t-t0ken/with+odd=chars"
QUOTED = "s3cr3t-t0ken%2Fwith%2Bodd%3Dchars"


@pytest.fixture
def token_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TEST_WEBHOOK_TOKEN", TOKEN)
    return "TEST_WEBHOOK_TOKEN"


@pytest.fixture
def guarded(data_dir: Path, token_env: str) -> Iterator[Services]:
    running = start_services(data_dir, token_env=token_env)
    yield running
    running.close()


def test_off_loopback_without_a_token_refuses_to_start_and_says_why(data_dir: Path) -> None:
    with pytest.raises(ListenerError, match=r"needs a token.*token_env"):
        start_services(data_dir, host="0.0.0.0")


def test_off_loopback_with_token_env_unset_names_the_variable(data_dir: Path, monkeypatch) -> None:
    monkeypatch.delenv("UNSET_TOKEN_VAR", raising=False)
    with pytest.raises(ListenerError, match="UNSET_TOKEN_VAR"):
        start_services(data_dir, host="0.0.0.0", token_env="UNSET_TOKEN_VAR")


def test_headless_off_loopback_without_a_token_exits_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        main_py("--headless", "--host", "0.0.0.0", "--port", "0", "--data-dir", str(tmp_path / "d")),
        capture_output=True, text=True, timeout=60, env=env_for_subprocess(), check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "needs a token" in result.stderr
    assert "listening" not in result.stdout


def test_a_request_without_the_token_gets_401_is_counted_and_not_stored(guarded: Services) -> None:
    port = guarded.listener.port
    assert post(port, "/juno", b"{}").status == 401
    assert post(port, "/juno?token=wrong", b"{}").status == 401
    assert post(port, "/juno", b"{}", (("Authorization", "Bearer wrong"),)).status == 401
    assert post(port, "/juno", b"{}", (("Authorization", f"Basic {TOKEN}"),)).status == 401
    assert guarded.listener.unauthorized == 4
    assert guarded.store.count() == 0


def test_the_query_token_is_accepted_and_never_stored(guarded: Services) -> None:
    reply = post(guarded.listener.port, f"/juno?a=1&token={QUOTED}&b=2", b"{}")
    assert reply.status == 200
    event = guarded.store.event(reply.json()["id"])
    assert event is not None
    assert event.request.query == "a=1&token=[redacted]&b=2"
    assert TOKEN not in repr(event.request) and QUOTED not in repr(event.request)


def test_the_bearer_token_is_accepted_and_never_stored(guarded: Services) -> None:
    reply = post(guarded.listener.port, "/juno", b"{}", (("Authorization", f"Bearer {TOKEN}"),))
    assert reply.status == 200
    event = guarded.store.event(reply.json()["id"])
    assert event is not None
    assert ("Authorization", "Bearer [redacted]") in event.request.headers
    assert TOKEN not in repr(event.request)


def test_the_token_never_reaches_the_database_file(guarded: Services) -> None:
    post(guarded.listener.port, f"/juno?token={QUOTED}", b"{}")
    post(guarded.listener.port, "/juno", b"{}", (("Authorization", f"Bearer {TOKEN}"),))
    guarded.close()
    for path in guarded.store.data_dir.iterdir():
        if path.is_file():
            content = path.read_bytes()
            assert TOKEN.encode() not in content and QUOTED.encode() not in content, path.name


def test_off_loopback_with_a_token_listens_and_the_window_warns(
    data_dir: Path, token_env: str, qtbot
) -> None:
    services = start_services(data_dir, host="0.0.0.0", token_env=token_env)
    try:
        listener = services.listener
        assert listener.off_loopback and listener.token_required
        assert post(listener.port, "/juno", b"{}").status == 401
        assert post(listener.port, f"/juno?token={QUOTED}", b"{}").status == 200
        bar = ListenerBar()
        qtbot.addWidget(bar)
        bar.show_listening(
            listener.url,
            off_loopback=listener.off_loopback,
            token=listener.token_required,
            unauthorized=lambda: listener.unauthorized,
        )
        assert bar.exposure.isVisibleTo(bar) and "other machines" in bar.exposure.text()
        # The refusal counted above shows up in the warning.
        qtbot.waitUntil(lambda: "Refused without the token so far: 1." in bar.exposure.text(), timeout=10_000)
    finally:
        services.close()


def test_the_token_does_not_belong_in_the_config_file() -> None:
    with pytest.raises(ConfigError, match="token_env"):
        settings_from_dict({"listener": {"token": "abc"}})
    options = settings_from_dict(
        {"listener": {"token_env": "X", "tls_cert": "c.pem", "tls_key": "k.pem"}}
    ).listener
    assert (options.token_env, options.tls) == ("X", True)
    with pytest.raises(ConfigError, match="go together"):
        settings_from_dict({"listener": {"tls_cert": "c.pem"}})


# -- TLS ----------------------------------------------------------------------------------------


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_tls_with_the_users_certificate_stores_the_request(
    data_dir: Path, certificate: tuple[Path, Path]
) -> None:
    cert, key = certificate
    services = start_services(data_dir, tls_cert=cert, tls_key=key)
    try:
        assert services.listener.url.startswith("https://127.0.0.1:")
        context = ssl.create_default_context(cafile=str(cert))
        conn = http.client.HTTPSConnection("127.0.0.1", services.listener.port, context=context, timeout=10)
        conn.request("POST", "/secure", body=b'{"tls": true}', headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        assert response.status == 200
        event_id = int(response.read().decode().split('"id": ')[1].rstrip("}"))
        conn.close()
        event = services.store.event(event_id)
        assert event is not None and event.request.body == b'{"tls": true}'
    finally:
        services.close()


def test_a_missing_certificate_refuses_to_start_with_the_reason(data_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ListenerError, match="does not exist"):
        start_services(data_dir, tls_cert=tmp_path / "nope.pem", tls_key=tmp_path / "nope.key")
