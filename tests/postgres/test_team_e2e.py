"""deploy/try-team-mode.sh as a test: PostgreSQL, two receivers as `webhook_receiver`, Caddy
terminating TLS with its local CA in front; a delivery over HTTPS is stored, recognised, and
shown in a window opened as `webhook_viewer` (read-only). Needs the caddy binary (Debian
package `caddy`): skipped, saying so, where it is not installed (CI's fresh machine)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.config import Settings
from desktop.runtime import build_services
from desktop.ui.app import create_window
from tests.app.conftest import no_keyring
from tests.postgres.conftest import fresh_database
from tests.postgres.team_e2e import HISTORY_SALES, HTTPS_SALES, SENDER, as_role, run

CADDY = shutil.which("caddy")


@pytest.mark.skipif(CADDY is None, reason="the caddy binary is not installed (apt-get install caddy)")
def test_deliveries_over_https_through_caddy_are_stored_and_shown_to_a_viewer(
    qtbot, pg_server: object, tmp_path: Path
) -> None:
    assert CADDY is not None
    total = 3 * (HISTORY_SALES + HTTPS_SALES)
    with fresh_database(pg_server) as owner_url:
        outcome = run(owner_url, tmp_path, CADDY, lambda _line: None)
        assert outcome.copied.startswith(f"copied {3 * HISTORY_SALES} event(s)")
        assert outcome.issuer.startswith("Caddy Local Authority")
        assert outcome.statuses == [200] * 3 * HTTPS_SALES
        assert all(outcome.per_receiver), outcome.per_receiver  # Caddy used both receivers
        # The receivers trust Caddy (127.0.0.1) as their proxy: the sender's address is recorded.
        assert outcome.forwarded_for == [SENDER] and outcome.remote_addrs == [SENDER]
        assert (outcome.stored, outcome.recognised, outcome.exported) == (total, total, total)
        assert outcome.payments == HISTORY_SALES + HTTPS_SALES
        assert outcome.viewer_delete_refused and outcome.receivers_exit == [0, 0]

        # Shown: the finance window, as the viewer login the run created, read-only.
        settings = Settings(host="127.0.0.1", port=0, store_url=as_role(owner_url, "finance"))
        services = build_services(settings, tmp_path / "window", keyring_backend=no_keyring())
        window = create_window(services)
        qtbot.addWidget(window)
        try:
            qtbot.waitUntil(lambda: window.events.model.rowCount() == total, timeout=10_000)
            assert window.read_only and not window.delete_action.isEnabled()
        finally:
            window.close()
            services.close()
