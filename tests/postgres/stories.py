"""Simulated Juno sales for the PostgreSQL tests (desktop.core.simulation's, signed here)."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from desktop.core.model import Headers
from desktop.core.simulation import Delivery, juno_sale, signed_headers

EVER = (0.0, 2.0**40)  # totals(*EVER): every finance day at once


def juno_story(rng: random.Random, kind: str = "paid") -> list[Delivery]:
    """One Juno sale: the charge created, its payment confirmed, the charge paid."""
    return juno_sale(kind, rng, datetime.now(UTC) - timedelta(minutes=30))


def signed(delivery: Delivery, secret: str, path: str = "/juno") -> Headers:
    return signed_headers("juno", path, delivery, secret, time.time())
