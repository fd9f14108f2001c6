"""PySide6 6.12.0 + qasync aborted Python 3.11 ("none_dealloc") after a few thousand loop turns.

This runs the qasync loop hard in a subprocess, so an upgrade that brings the crash back
fails here instead of in a user's window.
"""

from __future__ import annotations

import os
import subprocess
import sys

PROGRAM = """
import asyncio, sys
import qasync
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv)
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)

async def spin():
    for _ in range(30000):
        await asyncio.sleep(0)
    return "done"

with loop:
    print(loop.run_until_complete(spin()))
"""


def test_qasync_loop_survives_many_iterations() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("done")
