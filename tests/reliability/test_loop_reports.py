"""What the listener's loop reports to the log, and what it keeps at debug level."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import pytest

from desktop.listener.connections import RateLimitedLog, loop_exception_handler


def _task_running_code_from(filename: str) -> SimpleNamespace:
    coro = SimpleNamespace(cr_code=SimpleNamespace(co_filename=filename))
    return SimpleNamespace(get_coro=lambda: coro)


def _report(task: SimpleNamespace, caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    caplog.clear()
    handle = loop_exception_handler(RateLimitedLog(logging.getLogger("test.loop")))
    loop = asyncio.new_event_loop()
    try:
        with caplog.at_level(logging.DEBUG):
            handle(loop, {"message": "Task was destroyed but it is pending!", "task": task})
    finally:
        loop.close()
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_an_aiohttp_connection_task_collected_after_a_client_vanished_is_not_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    task = _task_running_code_from("/venv/site-packages/aiohttp/web_protocol.py")
    assert _report(task, caplog) == []


def test_one_of_our_own_tasks_destroyed_while_pending_is_still_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    task = _task_running_code_from("/work/desktop/listener/server.py")
    assert [r.getMessage() for r in _report(task, caplog)] == ["Task was destroyed but it is pending!"]
