-- Why (issue 17, the rls-overhead and dashboard-get benches): the same rows, checked for less. EXPLAIN ANALYZE as
-- ocp_app with claims set (dashboards.list, dashboards.get) showed the policies' cost in four places:
-- 1. Every service query that reads the caller's own memberships (myTeamIdsSql, teamRoleSql: the list filter, every
--    role) called the SECURITY DEFINER ocp_private.my_teams() once more through memberships_read. A membership row
--    of the caller is one of the caller's teams by definition, so `user_id = auth.uid()` answers first and the
--    definer call (a function with its own search_path, planned per statement) is never made for those rows.
-- 2. dashboards_read, charts_read and agents_read asked the same definer function for the caller's teams. Given 1,
--    a plain subquery on user_team_memberships returns exactly those teams (through the caller's own rows), by
--    index, without the call.
-- 3. Our auth.uid() (0014, where Supabase's is missing) is LANGUAGE sql, so the planner inlines it, and inlining
--    parses its text again in every statement, for every policy that names it (PGlite replans every statement).
--    As plpgsql it is an opaque call evaluated once per statement inside `(SELECT auth.uid())`, with the same
--    result. Only our own definition is replaced (owned by the migrating role, LANGUAGE sql): Supabase's stays.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
              WHERE p.oid = to_regprocedure('auth.uid()') AND l.lanname = 'sql'
                AND pg_get_userbyid(p.proowner) = current_user) THEN
    EXECUTE $f$
      CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE plpgsql STABLE AS $b$
      BEGIN
        RETURN coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        )::uuid;
      END
      $b$;
    $f$;
  END IF;
END
$$;
--> statement-breakpoint
DROP POLICY memberships_read ON user_team_memberships;
--> statement-breakpoint
CREATE POLICY memberships_read ON user_team_memberships FOR SELECT TO ocp_app
  USING (user_id = (SELECT auth.uid()) OR team_id IN (SELECT ocp_private.my_teams()));
--> statement-breakpoint
DROP POLICY dashboards_read ON dashboards;
--> statement-breakpoint
CREATE POLICY dashboards_read ON dashboards FOR SELECT TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid())
    OR owner_team_id IN (SELECT m.team_id FROM user_team_memberships m WHERE m.user_id = (SELECT auth.uid()))
    OR is_public, false));
--> statement-breakpoint
DROP POLICY charts_read ON charts;
--> statement-breakpoint
CREATE POLICY charts_read ON charts FOR SELECT TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid())
    OR owner_team_id IN (SELECT m.team_id FROM user_team_memberships m WHERE m.user_id = (SELECT auth.uid()))
    OR is_public, false)
    OR ocp_private.chart_placed_readably(id, owner_user_id, owner_team_id, is_public));
--> statement-breakpoint
DROP POLICY agents_read ON agents;
--> statement-breakpoint
CREATE POLICY agents_read ON agents FOR SELECT TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid())
    OR owner_team_id IN (SELECT m.team_id FROM user_team_memberships m WHERE m.user_id = (SELECT auth.uid()))
    OR is_public, false));
--> statement-breakpoint
-- 4. The "through its parent" checks that policies call once per row (tabs, placements, template slots, chart
--    versions: dashboards.get reads all four) as plpgsql with the same query: a LANGUAGE sql function that is not
--    inlined (SECURITY DEFINER never is) has its body planned again in every statement that calls it, plpgsql keeps
--    the plan for the session. EXPLAIN ANALYZE of dashboards.get's statement as ocp_app on PostgreSQL: execution
--    1.35 ms before, 0.98 ms after (p10 of 150).
CREATE OR REPLACE FUNCTION ocp_private.tab_readable(t uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM public.dashboard_tabs tb JOIN public.dashboards x ON x.id = tb.dashboard_id
                  WHERE tb.id = t AND ocp_private.can_read(x.owner_user_id, x.owner_team_id, x.is_public));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ocp_private.template_readable(t uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM public.dashboard_templates x WHERE x.id = t
    AND (x.created_by = auth.uid() OR coalesce(x.is_system_template, false)
         OR (x.owner_team_id IS NULL AND x.created_by IN (SELECT ocp_private.my_teammates()))
         OR x.owner_team_id IN (SELECT ocp_private.my_teams())
         OR ocp_private.template_used_readably(x.id)));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ocp_private.dashboard_readable(d uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM public.dashboards x WHERE x.id = d AND ocp_private.can_read(x.owner_user_id, x.owner_team_id, x.is_public));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ocp_private.chart_readable(c uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM public.charts x WHERE x.id = c
    AND (ocp_private.can_read(x.owner_user_id, x.owner_team_id, x.is_public)
         OR ocp_private.chart_placed_readably(x.id, x.owner_user_id, x.owner_team_id, x.is_public)));
END
$$;
