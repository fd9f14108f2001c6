-- Logins for deploy/compose.yaml, after deploy/roles.sql (psql variables: run with
--   psql -v receiver_password=... -v viewer_password=... -f deploy/logins.sql).
-- One login per group role; re-running sets the passwords again.
SELECT 'CREATE ROLE receiver LOGIN IN ROLE webhook_receiver'
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'receiver') \gexec
SELECT 'CREATE ROLE viewer LOGIN IN ROLE webhook_viewer'
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'viewer') \gexec
ALTER ROLE receiver PASSWORD :'receiver_password';
ALTER ROLE viewer PASSWORD :'viewer_password';
