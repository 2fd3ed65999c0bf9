-- Why: the seed's tables reference Supabase's auth.users. On Supabase that table already exists and must be
-- used as is; embedded PGlite and plain PostgreSQL have no `auth` schema, so we create a minimal stand-in
-- (the columns our embedded email/password auth needs) only when the schema is absent.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'auth') THEN
    CREATE SCHEMA auth;
    CREATE TABLE auth.users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text UNIQUE,
      encrypted_password text,
      created_at timestamptz DEFAULT now()
    );
  END IF;
END
$$;
