"""Fixtures for the delivery UI: a qasync loop, real services, the service, a recording target.

Coroutines run on the qasync loop while `qtbot.waitUntil` lets Qt process events (through
`run`), so signals, timers and sockets all move while a test waits; `wait_until` waits for a
condition re-checked whenever given signals fire.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
import shiboken6
from keyring.backends import fail
from PySide6.QtCore import SignalInstance

from desktop.core.config import Endpoint, Settings
from desktop.core.model import CapturedRequest
from desktop.runtime import Services, build_services
from desktop.ui.delivery.service import DeliveryService
from tests.delivery.support import RecordingServer

JUNO_SECRET = "juno-test-secret-for-resend"
SECRET_ENV = "TEST_UI_DELIVERY_JUNO_SECRET"
TIMEOUT_S = 15.0

# The offscreen QPA plugin cannot pass a dialog's minimum size to a window system and warns when
# a shown dialog's layout sets one; real platforms do not warn.
QT_OFFSCREEN_WARNING = "This plugin does not support propagateSizeHints"

Runner = Callable[[Coroutine[Any, Any, Any]], Any]


@pytest.fixture
def loop(qapp) -> Iterator[qasync.QEventLoop]:
    """The UI thread's asyncio loop: the qasync loop desktop/ui/app.py makes, running for the
    whole test. `already_running=True` makes it the running loop while Qt processes events
    (qtbot.waitUntil, waitSignal), as it is in the app; a loop stopped and restarted between
    steps would run leftover task steps with no running loop and break them."""
    event_loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    # qasync's stop() calls QApplication.exit(), after which every QEventLoop.exec() (pytest-qt's
    # waits, in this test and all later ones) returns at once; so end the loop without it.
    event_loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    qapp.aboutToQuit.disconnect(event_loop._after_run_forever)
    event_loop.close()
    # Destroy qasync's timer object here, on the UI thread: left to the garbage collector, it may
    # be destroyed on the store or server thread with timers registered ("Timers cannot be
    # stopped from another thread", or worse).
    shiboken6.delete(event_loop._timer)
    asyncio.events._set_running_loop(None)  # qasync set it in the constructor
    asyncio.set_event_loop(None)


@pytest.fixture
def run(qtbot, loop: qasync.QEventLoop) -> Runner:
    """Run a coroutine (or wait for a task) on the qasync loop; fail, not hang, after TIMEOUT_S."""

    def runner(coro: Coroutine[Any, Any, Any] | asyncio.Future[Any]) -> Any:
        task = asyncio.ensure_future(coro)
        try:
            qtbot.waitUntil(task.done, timeout=int(TIMEOUT_S * 1000))
        finally:
            if not task.done():
                task.cancel()
        return task.result()

    return runner


async def wait_until(predicate: Callable[[], bool], *signals: SignalInstance) -> None:
    """Return once `predicate()` holds; it is checked now and whenever one of `signals` fires."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def check(*_args: object) -> None:
        if not done.done() and predicate():
            done.set_result(None)

    for signal in signals:
        signal.connect(check)
    try:
        check()
        await done
    finally:
        for signal in signals:
            signal.disconnect(check)


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    srv = RecordingServer()
    srv.start()
    yield srv
    srv.close()


@pytest.fixture
def settings(monkeypatch) -> Settings:
    monkeypatch.setenv(SECRET_ENV, JUNO_SECRET)
    endpoints = (Endpoint(path="/juno", provider="juno", secret_env=SECRET_ENV, name="Juno"),)
    return Settings(host="127.0.0.1", port=0, max_body_mb=1, endpoints=endpoints)


@pytest.fixture
def services(settings: Settings, data_dir: Path) -> Iterator[Services]:
    running = build_services(settings, data_dir, keyring_backend=fail.Keyring())
    yield running
    running.close()


@pytest.fixture
def service(services: Services, run: Runner) -> Iterator[DeliveryService]:
    svc = DeliveryService(services.store, services.deriver)
    run(svc.start())
    yield svc
    run(svc.close())


def store_event(services: Services, request: CapturedRequest) -> int:
    """Store a request as the listener would; returns its event id once committed."""
    return services.store.writer.submit(request).result(5)


def juno_request(body: bytes, headers: list[tuple[str, str]] | None = None) -> CapturedRequest:
    return CapturedRequest(
        method="POST",
        path="/juno/notify",
        query="",
        headers=headers or [("Content-Type", "application/json"), ("X-Signature", "0" * 64)],
        body=body,
        received_at=1_700_000_000.0,
        remote_addr="127.0.0.1",
    )
