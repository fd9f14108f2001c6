"""The qasync loop fixtures of the delivery UI tests, for the screens built here."""

from __future__ import annotations

from tests.ui_delivery.conftest import loop, run  # noqa: F401 (fixtures)
