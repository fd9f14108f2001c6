"""WAL checkpoints happen on their own thread, not inside the store loop's commits."""

from __future__ import annotations

import time
from pathlib import Path

from desktop.core.model import CapturedRequest, Derived
from desktop.store.checkpoints import WAL_AUTOCHECKPOINT_PAGES
from desktop.store.database import database_path, open_database
from desktop.store.writer import GroupCommitWriter
from tests.polling import wait_for


def test_commits_leave_checkpoints_to_the_checkpoint_thread(tmp_path: Path) -> None:
    conn = open_database(tmp_path)
    writer = GroupCommitWriter(conn, lambda _r: Derived())
    writer.start()
    try:
        autocheckpoint = writer.call(lambda c: c.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        assert autocheckpoint.result(timeout=10) == WAL_AUTOCHECKPOINT_PAGES
        size_before = database_path(tmp_path).stat().st_size
        body = b"x" * 4000
        futures = [
            writer.submit(CapturedRequest("POST", "/x", "", [], body, time.time())) for _ in range(300)
        ]
        for future in futures:
            future.result(timeout=10)
        # Far below the write connection's own threshold: only the thread can have copied
        # the new pages from the WAL into the database file.
        checkpointer = writer.checkpointer
        assert checkpointer is not None
        wait_for(
            lambda: (
                checkpointer.checkpoints >= 1
                and database_path(tmp_path).stat().st_size > size_before + 300 * 4000
            ),
            what="a checkpoint by the checkpoint thread",
        )
    finally:
        writer.stop()
