-- Why (issue 17): a warm dashboards.get costs no database round trip. Each server process keeps in memory what a
-- read would otherwise ask the database: whether a token is still current, the caller's role on a dashboard, and
-- the dashboard document. These triggers tell every process (NOTIFY on the live-event channel, delivered at
-- commit, never on rollback) when a row that decides any of them changes, whoever changes it: the services, the
-- chat, or an administrator's UPDATE in psql. Payloads are ids only and deterministic, so PostgreSQL folds the
-- duplicates of one transaction (a bulk change notifies each id once):
--   {"cache":{"d":<dashboard>}}  the dashboard's document, its owner or visibility changed;
--   {"cache":{"u":<user>}}       the user's account, token generation, a signed-out token or a membership changed;
--   {"cache":{"t":<team>}}       the team's memberships changed (its dashboards show its members' own charts);
--   {"cache":"all"}              a TRUNCATE: forget everything.
-- SECURITY DEFINER: the lookups (which dashboards place a chart) must see every row, not the ones row-level
-- security shows the writer; they only ever emit ids.
CREATE FUNCTION ocp_private.notify_cache(kind text, ids uuid[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
  SELECT pg_notify('ocp_dashboard_events', json_build_object('cache', json_build_object(kind, x))::text)
    FROM (SELECT DISTINCT x FROM unnest(ids) x WHERE x IS NOT NULL) u
$$;
--> statement-breakpoint
-- The dashboards showing chart `c` (placed on one of their tabs).
CREATE FUNCTION ocp_private.dashboards_placing(c uuid) RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT coalesce(array_agg(DISTINCT t.dashboard_id), '{}') FROM public.chart_placements p
    JOIN public.dashboard_tabs t ON t.id = p.dashboard_tab_id WHERE p.chart_id = c
$$;
--> statement-breakpoint
-- The dashboards with a tab drawn on template `tpl`.
CREATE FUNCTION ocp_private.dashboards_on_template(tpl uuid) RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT coalesce(array_agg(DISTINCT t.dashboard_id), '{}') FROM public.dashboard_tabs t WHERE t.template_id = tpl
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.dashboard_of_tab(tab uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT t.dashboard_id FROM public.dashboard_tabs t WHERE t.id = tab
$$;
--> statement-breakpoint
-- One row trigger function for every table: TG_TABLE_NAME says what the row decides. OLD and NEW both count (a
-- row moved to another dashboard or team changes both).
CREATE FUNCTION ocp_private.notify_cache_row() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  o record;
  n record;
BEGIN
  IF TG_OP = 'INSERT' THEN o := NEW; ELSE o := OLD; END IF;
  IF TG_OP = 'DELETE' THEN n := OLD; ELSE n := NEW; END IF;
  CASE TG_TABLE_NAME
    WHEN 'dashboards' THEN
      PERFORM ocp_private.notify_cache('d', ARRAY[o.id, n.id]);
    WHEN 'dashboard_tabs' THEN
      PERFORM ocp_private.notify_cache('d', ARRAY[o.dashboard_id, n.dashboard_id]);
    WHEN 'chart_placements' THEN
      PERFORM ocp_private.notify_cache('d', ARRAY[ocp_private.dashboard_of_tab(o.dashboard_tab_id),
                                                  ocp_private.dashboard_of_tab(n.dashboard_tab_id)]);
    WHEN 'charts' THEN
      PERFORM ocp_private.notify_cache('d', ocp_private.dashboards_placing(o.id));
    WHEN 'chart_versions' THEN
      PERFORM ocp_private.notify_cache('d', ocp_private.dashboards_placing(o.chart_id)
                                            || ocp_private.dashboards_placing(n.chart_id));
    WHEN 'dashboard_templates' THEN
      PERFORM ocp_private.notify_cache('d', ocp_private.dashboards_on_template(o.id));
    WHEN 'dashboard_template_slots' THEN
      PERFORM ocp_private.notify_cache('d', ocp_private.dashboards_on_template(o.template_id)
                                            || ocp_private.dashboards_on_template(n.template_id));
    WHEN 'user_team_memberships' THEN
      PERFORM ocp_private.notify_cache('u', ARRAY[o.user_id, n.user_id]);
      PERFORM ocp_private.notify_cache('t', ARRAY[o.team_id, n.team_id]);
    WHEN 'users' THEN
      PERFORM ocp_private.notify_cache('u', ARRAY[o.id, n.id]);
    WHEN 'user_token_generations', 'revoked_tokens' THEN
      PERFORM ocp_private.notify_cache('u', ARRAY[o.user_id, n.user_id]);
  END CASE;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.notify_cache_truncate() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  PERFORM pg_notify('ocp_dashboard_events', '{"cache":"all"}');
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['dashboards', 'dashboard_tabs', 'chart_placements', 'charts', 'chart_versions',
      'dashboard_templates', 'dashboard_template_slots', 'user_team_memberships', 'user_token_generations',
      'revoked_tokens'] LOOP
    EXECUTE format('CREATE TRIGGER notify_cache AFTER INSERT OR UPDATE OR DELETE ON public.%I
                      FOR EACH ROW EXECUTE FUNCTION ocp_private.notify_cache_row()', tbl);
    EXECUTE format('CREATE TRIGGER notify_cache_truncate AFTER TRUNCATE ON public.%I
                      FOR EACH STATEMENT EXECUTE FUNCTION ocp_private.notify_cache_truncate()', tbl);
  END LOOP;
  -- On Supabase auth.users belongs to its auth service and we may not add triggers to it; tokens there are
  -- Supabase's, which the server does not cache (docs/scaling.md).
  BEGIN
    CREATE TRIGGER notify_cache AFTER UPDATE OR DELETE ON auth.users
      FOR EACH ROW EXECUTE FUNCTION ocp_private.notify_cache_row();
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'auth.users is not ours: no cache trigger on it';
  END;
END
$$;
