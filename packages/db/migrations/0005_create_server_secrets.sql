-- Why: embedded auth signs its JWTs with a secret generated on first start (never a built-in default). Every
-- server process sharing this database must accept the others' tokens, so the secret is kept in the database
-- itself (for PGlite that is the data dir). It lives in its own schema, closed to PUBLIC, so that Supabase's
-- Data API, which serves `public`, can never expose it.
CREATE SCHEMA IF NOT EXISTS ocp_private;
--> statement-breakpoint
REVOKE ALL ON SCHEMA ocp_private FROM PUBLIC;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS ocp_private.server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
REVOKE ALL ON ocp_private.server_secrets FROM PUBLIC;
