"""Recognition exactly once when several receivers share one PostgreSQL database.

Each receiver recognises what it stored, and at its start (or when asked) adopts every row
left unrecognised (`derived = 0`): rows another live receiver is about to recognise too.
And recognition is not one row's business: it folds the event into its entity and its
sale, and finds duplicates by looking at the earlier events' verdicts, so two receivers
recognising two deliveries of one sale at once would each fold without the other's event.

So recognising takes a turn: a transaction-level advisory lock that every recognising
transaction (and every delete, clear and re-verification, which rebuild entities) holds
until it commits, and inside it only rows still `derived = 0` are recognised. Whoever
comes second sees the first one's commit, and skips what is done. The turn is cheap (a
batch is milliseconds) and the writer only TRIES it while requests flow, so acknowledging
never waits on another receiver's recognition: it tries again a moment later.
"""

from __future__ import annotations

import psycopg

RECOGNITION_LOCK = 0x77686D32  # "whm2": shared by every receiver of this app


def take_turn(conn: psycopg.Connection, wait: bool = True) -> bool:
    """In the caller's transaction: hold the recognition turn until it ends.

    With `wait=False`, return False at once when another transaction holds it.
    """
    if wait:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (RECOGNITION_LOCK,))
        return True
    row = conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (RECOGNITION_LOCK,)).fetchone()
    return bool(row and row[0])


def still_unrecognised(conn: psycopg.Connection, ids: list[int]) -> set[int]:
    """Holding the turn: which of these rows nobody has recognised yet."""
    rows = conn.execute("SELECT id FROM events WHERE id = ANY(%s) AND derived = 0", (ids,)).fetchall()
    return {int(row[0]) for row in rows}
