-- Least-privilege roles for team mode (README: "Team mode", "Roles").
--
-- Three kinds of login, one database:
--   * the OWNER (the role that owns the database and runs the migrations: `main.py
--     migrate-schema --store URL` as that role, before any receiver starts). Receivers and
--     windows never run as the owner in production;
--   * webhook_receiver: a headless receiver (`main.py --headless --store URL`). It stores
--     requests and recognises them (provider, signature, payment state, sales, search), and
--     cannot delete anything but the sale lines it refolds;
--   * webhook_viewer: a finance window. SELECT only; the window sees that its role cannot
--     change events and opens read-only (no delete, clear, re-send, import, endpoint edits).
--
-- Both are group roles without LOGIN: give each person or machine its own login in them,
--   CREATE ROLE receiver_a LOGIN PASSWORD '...' IN ROLE webhook_receiver;
--   CREATE ROLE ana LOGIN PASSWORD '...' IN ROLE webhook_viewer;
-- so this file holds no password and can be re-run (every statement is idempotent).
--
-- Run it AFTER the schema exists (after migrate-schema), as a superuser or as the owner with
-- CREATEROLE, on the team's database:  psql "$OWNER_URL" -v ON_ERROR_STOP=1 -f deploy/roles.sql

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'webhook_receiver') THEN
        CREATE ROLE webhook_receiver NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'webhook_viewer') THEN
        CREATE ROLE webhook_viewer NOLOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO webhook_receiver, webhook_viewer', current_database());
END $$;

GRANT USAGE ON SCHEMA public TO webhook_receiver, webhook_viewer;

-- The receiver: what desktop/store/postgres/ writes while storing and recognising.
--   events         INSERT (the capture), UPDATE (recognised fields, duplicate and order flags,
--                  the custom response), SELECT (recognition reads earlier events)
--   bodies         INSERT (COPY), SELECT (a backlog is recognised from the stored body)
--   events_search  INSERT ... ON CONFLICT DO UPDATE (the full-text index)
--   entities       INSERT/UPDATE (payment state; read FOR UPDATE, which needs UPDATE)
--   sales          INSERT/UPDATE, DELETE (a payment that joins its charge leaves its own line)
--   schema_version SELECT (a receiver checks the version; it never migrates)
--   the events id  USAGE on its identity sequence (nextval)
-- NOT granted: DELETE on events/bodies/entities (deleting is a window's job, as the owner).
GRANT SELECT, INSERT, UPDATE ON events TO webhook_receiver;
GRANT SELECT, INSERT ON bodies TO webhook_receiver;
GRANT SELECT, INSERT, UPDATE ON events_search TO webhook_receiver;
GRANT SELECT, INSERT, UPDATE ON entities TO webhook_receiver;
GRANT SELECT, INSERT, UPDATE, DELETE ON sales TO webhook_receiver;
GRANT SELECT ON schema_version TO webhook_receiver;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO webhook_receiver;
-- Forwarding and actions (PostgreSQL schema 3): a receiver writes its config file's
-- [[forward]] and [[actions]] rules at start (replacing the config-origin ones, with their
-- pending jobs), queues jobs at recognition, claims them (FOR UPDATE SKIP LOCKED needs UPDATE)
-- and records each attempt and run. History it cannot rewrite: attempts and runs are
-- insert-only for it.
GRANT SELECT, INSERT, UPDATE ON targets TO webhook_receiver;
GRANT SELECT, INSERT, UPDATE, DELETE ON forward_rules, forward_queue TO webhook_receiver;
GRANT SELECT, INSERT ON attempts TO webhook_receiver;
GRANT SELECT, INSERT, UPDATE, DELETE ON action_rules, action_queue TO webhook_receiver;
GRANT SELECT, INSERT ON action_runs TO webhook_receiver;
-- NEW TABLES NEED A LINE HERE. Tables added by later PostgreSQL schema versions (delivery
-- attempts, the forward queue, action runs, ...) are readable by webhook_viewer through the
-- default privileges below, but the receiver gets only what is listed above: add a GRANT
-- naming exactly the privileges its code path uses whenever a migration adds a table the
-- receiver writes. (Not "ALL TABLES": a receiver then could delete or rewrite the history.)

-- The viewer: read everything, now and in tables later migrations add (default privileges
-- of the role that owns the tables, i.e. the one that runs the migrations). Read-only is
-- least privilege enough for every table: the viewer can see all events anyway.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO webhook_viewer;
DO $$
DECLARE owner_role TEXT;
BEGIN
    SELECT tableowner INTO owner_role FROM pg_tables
        WHERE schemaname = 'public' AND tablename = 'events';
    IF owner_role IS NULL THEN
        RAISE EXCEPTION 'no events table: run `main.py migrate-schema --store URL` as the owner first';
    END IF;
    EXECUTE format(
        'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT ON TABLES TO webhook_viewer',
        owner_role
    );
END $$;
