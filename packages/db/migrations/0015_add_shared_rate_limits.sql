-- Why: rate limits, sign-in lockouts and sharing-token throttles must hold however many server processes share the
-- database (the 11th wrong password is refused whichever process it reaches). One row per bucket, updated by an
-- atomic upsert (packages/server/src/http/rate-limit.ts); keys are SHA-256 digests, so no address or email is
-- stored. A server table, not user data: the app role may use it (limits are also taken inside requests).
CREATE TABLE ocp_private.rate_limits (
  name text NOT NULL,
  key_hash text NOT NULL,
  tokens double precision NOT NULL,
  at_ms bigint NOT NULL,
  PRIMARY KEY (name, key_hash)
);
--> statement-breakpoint
CREATE INDEX rate_limits_at_ms ON ocp_private.rate_limits (at_ms);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ocp_private.rate_limits TO ocp_app;
