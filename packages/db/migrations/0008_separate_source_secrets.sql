-- Why: an http source's credentials (an `api_key=…` in its URL, request headers) sat in charts.data_source_config,
-- which goes out with the chart, is copied into every chart_versions row, and is readable by everyone when the
-- chart is public (on Supabase also through the Data API, under the charts policies). They now live in a table of
-- their own in ocp_private, which is closed to PUBLIC (no API role can read it); only the server reads it, when it
-- fetches the source, and sends them only to the origin they were given for.
-- A separate table rather than an encrypted column: nothing that selects, copies or versions a chart's config can
-- carry a secret by mistake, and a key that every server process could share without new configuration would
-- have to live in this same database, so encryption would not keep the secrets from whoever can read it.
CREATE TABLE IF NOT EXISTS ocp_private.chart_source_secrets (
  chart_id uuid PRIMARY KEY REFERENCES public.charts(id) ON DELETE CASCADE,
  -- The origin (scheme://host[:port]) the secrets were given for.
  origin text NOT NULL,
  -- Request headers, { name: value }.
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Raw `name=value` pairs taken out of the URL's query string, appended again when fetching.
  query jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
REVOKE ALL ON ocp_private.chart_source_secrets FROM PUBLIC;
--> statement-breakpoint
-- Charts stored before: the credential-like query parameters of each http source's URL (the server's SECRET_PARAM
-- pattern, in packages/server/src/data/sources/http-secrets.ts) move into the table, and leave the URL of the chart
-- and of every one of its versions (history must not keep a key). A helper for this migration only.
CREATE FUNCTION ocp_private.split_secret_params(source_url text)
RETURNS TABLE (kept_url text, origin text, secrets jsonb)
LANGUAGE sql IMMUTABLE AS $$
  WITH u AS (SELECT regexp_match(source_url, '^([^?#]*)(\?[^#]*)?(#.*)?$') AS m),
  pairs AS (
    SELECT q.pair, q.ord,
           split_part(q.pair, '=', 1) ~* 'key|token|secret|passw|pwd|signature|^sig$|auth|credential|session|jwt' AS secret
      FROM u, regexp_split_to_table(substr(u.m[2], 2), '&') WITH ORDINALITY AS q(pair, ord)
     WHERE q.pair <> ''
  )
  SELECT u.m[1]
           || coalesce('?' || (SELECT string_agg(pair, '&' ORDER BY ord) FROM pairs WHERE NOT secret), '')
           || coalesce(u.m[3], ''),
         regexp_replace(regexp_replace(lower(substring(source_url FROM '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+')),
                                       '^(http://.*):80$', '\1'), '^(https://.*):443$', '\1'),
         (SELECT jsonb_agg(pair ORDER BY ord) FROM pairs WHERE secret)
    FROM u
   WHERE EXISTS (SELECT 1 FROM pairs WHERE secret)
$$;
--> statement-breakpoint
INSERT INTO ocp_private.chart_source_secrets (chart_id, origin, query)
SELECT c.id, s.origin, s.secrets
  FROM charts c, ocp_private.split_secret_params(c.data_source_config->>'url') s
 WHERE c.data_source_config->>'kind' = 'http'
ON CONFLICT (chart_id) DO NOTHING;
--> statement-breakpoint
UPDATE charts c
   SET data_source_config = jsonb_set(c.data_source_config, '{url}',
         to_jsonb((SELECT s.kept_url FROM ocp_private.split_secret_params(c.data_source_config->>'url') s)))
 WHERE c.data_source_config->>'kind' = 'http'
   AND EXISTS (SELECT 1 FROM ocp_private.split_secret_params(c.data_source_config->>'url'));
--> statement-breakpoint
UPDATE chart_versions v
   SET data_source_config = jsonb_set(v.data_source_config, '{url}',
         to_jsonb((SELECT s.kept_url FROM ocp_private.split_secret_params(v.data_source_config->>'url') s)))
 WHERE v.data_source_config->>'kind' = 'http'
   AND EXISTS (SELECT 1 FROM ocp_private.split_secret_params(v.data_source_config->>'url'));
--> statement-breakpoint
DROP FUNCTION ocp_private.split_secret_params(text);
