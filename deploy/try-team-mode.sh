#!/bin/sh
# Team mode end to end on this machine, without containers (README: "Team mode" > "Trying it"):
# a throwaway PostgreSQL (pgserver), an SQLite history moved in with migrate-store, the
# owner's migrate-schema, deploy/roles.sql with psql, two headless receivers as
# webhook_receiver logins, and Caddy (deploy/Caddyfile, `tls internal`) in front of them;
# signed deliveries over HTTPS, then read back as a webhook_viewer login.
# Needs: the project's .venv with the test extras (`python3 dev.py test` makes it) and caddy
# (Debian: apt-get install caddy; it is run here as a child process, never as a service).
set -eu
cd "$(dirname "$0")/.."
exec .venv/bin/python -m tests.postgres.team_e2e "$@"
