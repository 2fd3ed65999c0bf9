-- Why: the database itself refuses what the API would refuse (SPEC §3, "Section E"), so a bug in a service cannot
-- read or change another team's rows. The server connects as the tables' owner (migrations, seed, background work)
-- and runs each request in a transaction as `ocp_app` with the caller's claims:
--   SELECT set_config('request.jwt.claims', '{"sub":"<user id>", ...}', true); SET LOCAL ROLE ocp_app;
-- `ocp_app` cannot log in, does not own the tables and has no BYPASSRLS, so every policy below applies to it. The
-- policies mirror packages/server/src/services/access.ts: owner user, team membership by role (viewer reads, editor
-- writes, admin manages), `is_public` read-only, children (tabs, placements, versions, chunks, messages) through
-- their parent, sharing-link tokens readable by the server's own connection only.
-- They are written `TO ocp_app` only: on Supabase, the `anon` and `authenticated` roles gain nothing from them
-- (with RLS enabled and no policy of theirs, PostgREST serves them no rows of these tables).

-- The app role. Roles are cluster-wide: another database on the same server may have made it already.
DO $$
BEGIN
  CREATE ROLE ocp_app NOLOGIN NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- The connecting role may switch to it (SET LOCAL ROLE needs membership).
DO $$
BEGIN
  EXECUTE format('GRANT ocp_app TO %I', current_user);
EXCEPTION WHEN duplicate_object OR invalid_grant_operation OR insufficient_privilege THEN
  RAISE NOTICE 'could not grant ocp_app to %: %', current_user, SQLERRM;
END
$$;
--> statement-breakpoint
-- Supabase's auth.uid() and auth.jwt() where the database lacks them (embedded PGlite, plain PostgreSQL), with the
-- same definitions: the claims of the current transaction, set by the server (or by PostgREST on Supabase).
DO $$
BEGIN
  IF to_regprocedure('auth.uid()') IS NULL THEN
    EXECUTE $f$
      CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $b$
        SELECT coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        )::uuid
      $b$;
    $f$;
  END IF;
  IF to_regprocedure('auth.jwt()') IS NULL THEN
    EXECUTE $f$
      CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $b$
        SELECT coalesce(
          nullif(current_setting('request.jwt.claim', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')
        )::jsonb
      $b$;
    $f$;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA auth, public, ocp_private TO ocp_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth.uid(), auth.jwt() TO ocp_app;
--> statement-breakpoint
-- Emails of accounts (team member lists, invitations), never password hashes. On Supabase the migrating role may
-- lack the grant option on auth.users: then the server reads emails as the owner there (see docs/security.md).
DO $$
BEGIN
  GRANT SELECT (id, email) ON auth.users TO ocp_app;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'could not grant auth.users (id, email) to ocp_app: %', SQLERRM;
END
$$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ocp_app;
--> statement-breakpoint
-- The server's JWT signing key stays with the owner; http-source secrets follow their chart (policies below).
GRANT SELECT, INSERT, UPDATE, DELETE ON ocp_private.chart_source_secrets TO ocp_app;
--> statement-breakpoint
-- Sharing-link tokens (their SHA-256) are looked up by the server's own connection only: the app role can list,
-- create and delete links but never read a token column.
REVOKE SELECT ON public.sharing_links FROM ocp_app;
--> statement-breakpoint
GRANT SELECT (id, resource_type, resource_id, permissions, expires_at, created_by, created_at, last_accessed_at)
  ON public.sharing_links TO ocp_app;
--> statement-breakpoint
REVOKE UPDATE ON public.sharing_links FROM ocp_app;
--> statement-breakpoint
-- Helpers. The ones reading user_team_memberships are SECURITY DEFINER: a policy on that table cannot query it
-- again (infinite recursion), and a team's admins list members the caller does not see through their own rows.
-- They take no user argument: they only ever answer for auth.uid(). `search_path = ''` guards them from a caller's
-- objects shadowing ours.
CREATE FUNCTION ocp_private.my_teams() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT m.team_id FROM public.user_team_memberships m WHERE m.user_id = auth.uid()
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.my_teams_as(roles text[]) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT m.team_id FROM public.user_team_memberships m WHERE m.user_id = auth.uid() AND m.role::text = ANY (roles)
$$;
--> statement-breakpoint
-- Whether the caller shares a team with `other` (teammates read each other's profile and templates).
CREATE FUNCTION ocp_private.shares_team_with(other uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.user_team_memberships mine
                   JOIN public.user_team_memberships theirs ON theirs.team_id = mine.team_id
                  WHERE mine.user_id = auth.uid() AND theirs.user_id = other)
$$;
--> statement-breakpoint
-- The same as a set, computed once per statement (policies test `x IN (SELECT ocp_private.my_teammates())`).
CREATE FUNCTION ocp_private.my_teammates() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT DISTINCT theirs.user_id FROM public.user_team_memberships mine
    JOIN public.user_team_memberships theirs ON theirs.team_id = mine.team_id
   WHERE mine.user_id = auth.uid()
$$;
--> statement-breakpoint
-- A team nobody belongs to yet: its creator sees it until they add themselves as its first admin (teams.create).
CREATE FUNCTION ocp_private.team_is_empty(team uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT NOT EXISTS (SELECT 1 FROM public.user_team_memberships m WHERE m.team_id = team)
$$;
--> statement-breakpoint
-- access.ts ownerReadsChartSql: the owner of a dashboard (a user or a team) may read a chart (then a placement
-- shows it). Reads other people's memberships, hence SECURITY DEFINER.
CREATE FUNCTION ocp_private.owner_reads_chart(d_user uuid, d_team uuid, c_user uuid, c_team uuid, c_public boolean)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT coalesce(coalesce(c_public, false)
    OR c_user = d_user
    OR c_team = d_team
    OR EXISTS (SELECT 1 FROM public.user_team_memberships m WHERE m.user_id = d_user AND m.team_id = c_team)
    OR EXISTS (SELECT 1 FROM public.user_team_memberships m WHERE m.team_id = d_team AND m.user_id = c_user), false)
$$;
--> statement-breakpoint
-- Whether user `member` belongs to `team` (energy: a chart's owner reads their teams' sites).
CREATE FUNCTION ocp_private.is_member(member uuid, team uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.user_team_memberships m WHERE m.user_id = member AND m.team_id = team)
$$;
--> statement-breakpoint
-- The caller's email as stored (team invitations are addressed to it).
CREATE FUNCTION ocp_private.my_email() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT lower(u.email) FROM auth.users u WHERE u.id = auth.uid()
$$;
--> statement-breakpoint
-- access.ts ownedRoleSql as three predicates (for triggers and can_share; the policies spell them out, with
-- `(SELECT auth.uid())` and `IN (SELECT …)`, which PostgreSQL evaluates once per statement instead of once per row).
CREATE FUNCTION ocp_private.can_read(owner_user uuid, owner_team uuid, is_public boolean) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(owner_user = auth.uid() OR owner_team IN (SELECT ocp_private.my_teams()) OR is_public, false)
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.can_write(owner_user uuid, owner_team uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(owner_user = auth.uid() OR owner_team IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false)
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.can_manage(owner_user uuid, owner_team uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(owner_user = auth.uid() OR owner_team IN (SELECT ocp_private.my_teams_as('{admin}')), false)
$$;
--> statement-breakpoint
-- "Through its parent" checks as SECURITY DEFINER functions: a policy that queried the parent table would pull
-- the parent's policies into every statement, and theirs their parents' (a dashboard read planned hundreds of
-- subplans); a function is one opaque call per row. Each repeats, for one row, the parent's own policy.
CREATE FUNCTION ocp_private.dashboard_readable(d uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.dashboards x WHERE x.id = d AND ocp_private.can_read(x.owner_user_id, x.owner_team_id, x.is_public))
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.dashboard_writable(d uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.dashboards x WHERE x.id = d AND ocp_private.can_write(x.owner_user_id, x.owner_team_id))
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.tab_readable(t uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.dashboard_tabs tb JOIN public.dashboards x ON x.id = tb.dashboard_id
                  WHERE tb.id = t AND ocp_private.can_read(x.owner_user_id, x.owner_team_id, x.is_public))
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.tab_writable(t uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.dashboard_tabs tb JOIN public.dashboards x ON x.id = tb.dashboard_id
                  WHERE tb.id = t AND ocp_private.can_write(x.owner_user_id, x.owner_team_id))
$$;
--> statement-breakpoint
-- A chart placed on a dashboard the caller reads, whose owner may read the chart (access.ts placedOnVisibleDashboardSql).
CREATE FUNCTION ocp_private.chart_placed_readably(c uuid, c_user uuid, c_team uuid, c_public boolean) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.chart_placements vp JOIN public.dashboard_tabs vt ON vt.id = vp.dashboard_tab_id
                   JOIN public.dashboards vd ON vd.id = vt.dashboard_id
                  WHERE vp.chart_id = c AND ocp_private.can_read(vd.owner_user_id, vd.owner_team_id, vd.is_public)
                    AND ocp_private.owner_reads_chart(vd.owner_user_id, vd.owner_team_id, c_user, c_team, c_public))
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.chart_readable(c uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.charts x WHERE x.id = c
    AND (ocp_private.can_read(x.owner_user_id, x.owner_team_id, x.is_public)
         OR ocp_private.chart_placed_readably(x.id, x.owner_user_id, x.owner_team_id, x.is_public)))
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.chart_writable(c uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.charts x WHERE x.id = c AND ocp_private.can_write(x.owner_user_id, x.owner_team_id))
$$;
--> statement-breakpoint
-- A template that a dashboard or tab the caller reads is built on (the dashboard shows its grid).
CREATE FUNCTION ocp_private.template_used_readably(t uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.dashboards d WHERE d.template_id = t
                    AND ocp_private.can_read(d.owner_user_id, d.owner_team_id, d.is_public))
      OR EXISTS (SELECT 1 FROM public.dashboard_tabs tb JOIN public.dashboards d ON d.id = tb.dashboard_id
                  WHERE tb.template_id = t AND ocp_private.can_read(d.owner_user_id, d.owner_team_id, d.is_public))
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.template_readable(t uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.dashboard_templates x WHERE x.id = t
    AND (x.created_by = auth.uid() OR coalesce(x.is_system_template, false)
         OR x.created_by IN (SELECT ocp_private.my_teammates()) OR ocp_private.template_used_readably(x.id)))
$$;
--> statement-breakpoint
-- A dataset of `owner` that a chart of theirs the caller may read draws from (sources read as the chart's owner).
CREATE FUNCTION ocp_private.dataset_used_readably(item uuid, owner uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.charts c WHERE c.owner_user_id = owner
                    AND c.data_source_config->>'kind' = 'dataset' AND c.data_source_config->>'datasetId' = item::text
                    AND ocp_private.chart_readable(c.id))
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.item_readable(i uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.workspace_items w WHERE w.id = i
    AND (w.user_id = auth.uid() OR (w.item_type = 'dataset' AND ocp_private.dataset_used_readably(w.id, w.user_id))))
$$;
--> statement-breakpoint
-- Energy sites the caller reads: their own or their teams', and those an energy chart they may read draws on
-- (the chart's owner's sites, their teams' included). As a set, computed once per statement.
CREATE FUNCTION ocp_private.readable_sites() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT s.id FROM public.energy_sites s
   WHERE ocp_private.can_read(s.owner_user_id, s.owner_team_id, false)
      OR EXISTS (SELECT 1 FROM public.charts c WHERE c.data_source_config->>'kind' = 'energy'
                   AND (c.owner_user_id = s.owner_user_id OR c.owner_team_id = s.owner_team_id
                        OR ocp_private.is_member(c.owner_user_id, s.owner_team_id))
                   AND ocp_private.chart_readable(c.id))
$$;
--> statement-breakpoint
CREATE FUNCTION ocp_private.readable_series() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT e.id FROM public.energy_series e WHERE e.site_id IN (SELECT ocp_private.readable_sites())
$$;
--> statement-breakpoint
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ocp_private TO ocp_app;
--> statement-breakpoint

-- Write policies are per command (INSERT, UPDATE, DELETE), never FOR ALL: a FOR ALL policy also applies to SELECT,
-- where it would only add a costlier way to see rows the read policy shows anyway.
-- Services read a row FOR UPDATE before deciding FORBIDDEN or not, and FOR UPDATE applies the UPDATE policy's
-- USING: so on dashboards, charts, agents, teams and templates that USING is the read predicate (a viewer locks
-- what they see, then hears FORBIDDEN as before), and this trigger refuses an update of a row the caller may not
-- write (a USING cannot see the old row and the WITH CHECK only the new one: without it a viewer could move a
-- team's dashboard into their own hands).
CREATE FUNCTION ocp_private.guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  allowed boolean;
BEGIN
  IF current_user <> 'ocp_app' THEN
    RETURN NEW;
  END IF;
  -- IF branches, not one CASE: PL/pgSQL plans each statement alone, and OLD has only this table's columns.
  IF TG_TABLE_NAME = 'teams' THEN
    allowed := OLD.id IN (SELECT ocp_private.my_teams_as('{admin}'));
  ELSIF TG_TABLE_NAME = 'dashboard_templates' THEN
    allowed := OLD.created_by = auth.uid();
  ELSE
    allowed := ocp_private.can_write(OLD.owner_user_id, OLD.owner_team_id);
  END IF;
  IF NOT coalesce(allowed, false) THEN
    RAISE EXCEPTION 'row-level security: this % row is not writable by the caller', TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER guard_update BEFORE UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION ocp_private.guard_update();
--> statement-breakpoint
CREATE TRIGGER guard_update BEFORE UPDATE ON dashboard_templates FOR EACH ROW EXECUTE FUNCTION ocp_private.guard_update();
--> statement-breakpoint
CREATE TRIGGER guard_update BEFORE UPDATE ON dashboards FOR EACH ROW EXECUTE FUNCTION ocp_private.guard_update();
--> statement-breakpoint
CREATE TRIGGER guard_update BEFORE UPDATE ON charts FOR EACH ROW EXECUTE FUNCTION ocp_private.guard_update();
--> statement-breakpoint
CREATE TRIGGER guard_update BEFORE UPDATE ON agents FOR EACH ROW EXECUTE FUNCTION ocp_private.guard_update();
--> statement-breakpoint
-- charts.list's placementCount counts every placement of a listed chart, on dashboards the caller may not see
-- (a number, never a title): the count needs the owner's eyes.
CREATE FUNCTION ocp_private.placement_count(chart uuid) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT count(*)::int FROM public.chart_placements p WHERE p.chart_id = chart
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ocp_private.placement_count(uuid) TO ocp_app;
--> statement-breakpoint

-- Teams and memberships --------------------------------------------------------------------------------------
ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Members see their teams; an invitee sees the team that invited them (teams.invitations.mine names it).
CREATE POLICY teams_read ON teams FOR SELECT TO ocp_app
  USING (id IN (SELECT ocp_private.my_teams()) OR (created_by = (SELECT auth.uid()) AND ocp_private.team_is_empty(id))
    OR id IN (SELECT i.team_id FROM team_invitations i WHERE i.email = (SELECT ocp_private.my_email())));
--> statement-breakpoint
CREATE POLICY teams_create ON teams FOR INSERT TO ocp_app WITH CHECK (created_by = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY teams_update ON teams FOR UPDATE TO ocp_app
  USING (id IN (SELECT ocp_private.my_teams())) WITH CHECK (id IN (SELECT ocp_private.my_teams_as('{admin}')));
--> statement-breakpoint
CREATE POLICY teams_delete ON teams FOR DELETE TO ocp_app USING (id IN (SELECT ocp_private.my_teams_as('{admin}')));
--> statement-breakpoint
ALTER TABLE user_team_memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY memberships_read ON user_team_memberships FOR SELECT TO ocp_app
  USING (team_id IN (SELECT ocp_private.my_teams()));
--> statement-breakpoint
-- Admins add members; a team's creator makes themselves its first admin.
CREATE POLICY memberships_create ON user_team_memberships FOR INSERT TO ocp_app
  WITH CHECK (team_id IN (SELECT ocp_private.my_teams_as('{admin}'))
    OR (user_id = (SELECT auth.uid()) AND role = 'admin' AND ocp_private.team_is_empty(team_id)
        AND EXISTS (SELECT 1 FROM teams t WHERE t.id = team_id AND t.created_by = (SELECT auth.uid()))));
--> statement-breakpoint
CREATE POLICY memberships_update ON user_team_memberships FOR UPDATE TO ocp_app
  USING (team_id IN (SELECT ocp_private.my_teams_as('{admin}')))
  WITH CHECK (team_id IN (SELECT ocp_private.my_teams_as('{admin}')));
--> statement-breakpoint
-- Admins remove members; anyone leaves.
CREATE POLICY memberships_delete ON user_team_memberships FOR DELETE TO ocp_app
  USING (team_id IN (SELECT ocp_private.my_teams_as('{admin}')) OR user_id = (SELECT auth.uid()));
--> statement-breakpoint
ALTER TABLE team_invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Admins manage a team's invitations; its other members see them (and hear FORBIDDEN when they try to revoke);
-- an invitee sees the ones addressed to their email. Accepting and declining go through the owner connection
-- (an invitation's token is proof enough, whatever the signed-in email).
CREATE POLICY invitations_read ON team_invitations FOR SELECT TO ocp_app
  USING (team_id IN (SELECT ocp_private.my_teams()) OR email = (SELECT ocp_private.my_email()));
--> statement-breakpoint
CREATE POLICY invitations_create ON team_invitations FOR INSERT TO ocp_app
  WITH CHECK (team_id IN (SELECT ocp_private.my_teams_as('{admin}')));
--> statement-breakpoint
CREATE POLICY invitations_update ON team_invitations FOR UPDATE TO ocp_app
  USING (team_id IN (SELECT ocp_private.my_teams_as('{admin}')))
  WITH CHECK (team_id IN (SELECT ocp_private.my_teams_as('{admin}')));
--> statement-breakpoint
CREATE POLICY invitations_delete ON team_invitations FOR DELETE TO ocp_app
  USING (team_id IN (SELECT ocp_private.my_teams_as('{admin}')));
--> statement-breakpoint

-- People -----------------------------------------------------------------------------------------------------
ALTER TABLE user_profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Your own profile, your teammates', and the name of whoever invited you (teams.invitations.mine shows it).
CREATE POLICY profiles_read ON user_profiles FOR SELECT TO ocp_app
  USING (id = (SELECT auth.uid()) OR id IN (SELECT ocp_private.my_teammates())
    OR id IN (SELECT i.invited_by FROM team_invitations i WHERE i.email = (SELECT ocp_private.my_email())));
--> statement-breakpoint
CREATE POLICY profiles_create ON user_profiles FOR INSERT TO ocp_app WITH CHECK (id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY profiles_update ON user_profiles FOR UPDATE TO ocp_app USING (id = (SELECT auth.uid())) WITH CHECK (id = (SELECT auth.uid()));
--> statement-breakpoint
ALTER TABLE revoked_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY revoked_tokens_mine_read ON revoked_tokens FOR SELECT TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY revoked_tokens_mine_insert ON revoked_tokens FOR INSERT TO ocp_app WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY revoked_tokens_mine_update ON revoked_tokens FOR UPDATE TO ocp_app USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY revoked_tokens_mine_delete ON revoked_tokens FOR DELETE TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
ALTER TABLE user_token_generations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY token_generations_mine_read ON user_token_generations FOR SELECT TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY token_generations_mine_insert ON user_token_generations FOR INSERT TO ocp_app WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY token_generations_mine_update ON user_token_generations FOR UPDATE TO ocp_app USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY token_generations_mine_delete ON user_token_generations FOR DELETE TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint

-- Templates: the creator owns one, system templates are public, the creator's teammates use it; a template a
-- readable dashboard or tab is built on is readable with it (the dashboard shows its grid).
ALTER TABLE dashboard_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY templates_read ON dashboard_templates FOR SELECT TO ocp_app
  USING (created_by = (SELECT auth.uid()) OR coalesce(is_system_template, false) OR created_by IN (SELECT ocp_private.my_teammates())
    OR ocp_private.template_used_readably(id));
--> statement-breakpoint
CREATE POLICY templates_create ON dashboard_templates FOR INSERT TO ocp_app
  WITH CHECK (created_by = (SELECT auth.uid()) AND NOT coalesce(is_system_template, false));
--> statement-breakpoint
CREATE POLICY templates_update ON dashboard_templates FOR UPDATE TO ocp_app
  USING (created_by = (SELECT auth.uid()) OR coalesce(is_system_template, false) OR created_by IN (SELECT ocp_private.my_teammates())
    OR ocp_private.template_used_readably(id))
  WITH CHECK (created_by = (SELECT auth.uid()) AND NOT coalesce(is_system_template, false));
--> statement-breakpoint
CREATE POLICY templates_delete ON dashboard_templates FOR DELETE TO ocp_app USING (created_by = (SELECT auth.uid()));
--> statement-breakpoint
ALTER TABLE dashboard_template_slots ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY slots_read ON dashboard_template_slots FOR SELECT TO ocp_app
  USING (ocp_private.template_readable(template_id));
--> statement-breakpoint
CREATE POLICY slots_write_insert ON dashboard_template_slots FOR INSERT TO ocp_app WITH CHECK (EXISTS (SELECT 1 FROM dashboard_templates t WHERE t.id = template_id AND t.created_by = (SELECT auth.uid())));
--> statement-breakpoint
CREATE POLICY slots_write_update ON dashboard_template_slots FOR UPDATE TO ocp_app USING (EXISTS (SELECT 1 FROM dashboard_templates t WHERE t.id = template_id AND t.created_by = (SELECT auth.uid()))) WITH CHECK (EXISTS (SELECT 1 FROM dashboard_templates t WHERE t.id = template_id AND t.created_by = (SELECT auth.uid())));
--> statement-breakpoint
CREATE POLICY slots_write_delete ON dashboard_template_slots FOR DELETE TO ocp_app USING (EXISTS (SELECT 1 FROM dashboard_templates t WHERE t.id = template_id AND t.created_by = (SELECT auth.uid())));
--> statement-breakpoint

-- Dashboards and what hangs off them --------------------------------------------------------------------------
ALTER TABLE dashboards ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dashboards_read ON dashboards FOR SELECT TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams()) OR is_public, false));
--> statement-breakpoint
CREATE POLICY dashboards_create ON dashboards FOR INSERT TO ocp_app
  WITH CHECK (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
CREATE POLICY dashboards_update ON dashboards FOR UPDATE TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams()) OR is_public, false)) WITH CHECK (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
CREATE POLICY dashboards_delete ON dashboards FOR DELETE TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin}')), false));
--> statement-breakpoint
ALTER TABLE dashboard_tabs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tabs_read ON dashboard_tabs FOR SELECT TO ocp_app USING (ocp_private.dashboard_readable(dashboard_id));
--> statement-breakpoint
CREATE POLICY tabs_write_insert ON dashboard_tabs FOR INSERT TO ocp_app WITH CHECK (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
CREATE POLICY tabs_write_update ON dashboard_tabs FOR UPDATE TO ocp_app USING (ocp_private.dashboard_writable(dashboard_id)) WITH CHECK (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
CREATE POLICY tabs_write_delete ON dashboard_tabs FOR DELETE TO ocp_app USING (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
ALTER TABLE chart_placements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A placement is read through its tab. placements.move parks a swapped placement on no tab (NULL) for a moment
-- inside its transaction and finds it there again; such a row never outlives that transaction, so no other caller
-- ever sees one.
CREATE POLICY placements_read ON chart_placements FOR SELECT TO ocp_app
  USING (dashboard_tab_id IS NULL OR ocp_private.tab_readable(dashboard_tab_id));
--> statement-breakpoint
CREATE POLICY placements_write_insert ON chart_placements FOR INSERT TO ocp_app WITH CHECK (dashboard_tab_id IS NULL OR ocp_private.tab_writable(dashboard_tab_id));
--> statement-breakpoint
CREATE POLICY placements_write_update ON chart_placements FOR UPDATE TO ocp_app USING (dashboard_tab_id IS NULL OR ocp_private.tab_writable(dashboard_tab_id)) WITH CHECK (dashboard_tab_id IS NULL OR ocp_private.tab_writable(dashboard_tab_id));
--> statement-breakpoint
CREATE POLICY placements_write_delete ON chart_placements FOR DELETE TO ocp_app USING (dashboard_tab_id IS NULL OR ocp_private.tab_writable(dashboard_tab_id));
--> statement-breakpoint
-- Version history needs editor (SPEC §4). Reading a version row follows its dashboard (the service reads it, then
-- answers a viewer FORBIDDEN rather than NOT_FOUND); everything else needs editor.
ALTER TABLE dashboard_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dashboard_versions_read ON dashboard_versions FOR SELECT TO ocp_app
  USING (ocp_private.dashboard_readable(dashboard_id));
--> statement-breakpoint
CREATE POLICY dashboard_versions_editors_insert ON dashboard_versions FOR INSERT TO ocp_app WITH CHECK (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
CREATE POLICY dashboard_versions_editors_update ON dashboard_versions FOR UPDATE TO ocp_app USING (ocp_private.dashboard_writable(dashboard_id)) WITH CHECK (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
CREATE POLICY dashboard_versions_editors_delete ON dashboard_versions FOR DELETE TO ocp_app USING (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
ALTER TABLE dashboard_version_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY dashboard_version_counters_editors_read ON dashboard_version_counters FOR SELECT TO ocp_app USING (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
CREATE POLICY dashboard_version_counters_editors_insert ON dashboard_version_counters FOR INSERT TO ocp_app WITH CHECK (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
CREATE POLICY dashboard_version_counters_editors_update ON dashboard_version_counters FOR UPDATE TO ocp_app USING (ocp_private.dashboard_writable(dashboard_id)) WITH CHECK (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint
CREATE POLICY dashboard_version_counters_editors_delete ON dashboard_version_counters FOR DELETE TO ocp_app USING (ocp_private.dashboard_writable(dashboard_id));
--> statement-breakpoint

-- Charts: readable when owned, a team's, public, or placed on a readable dashboard whose owner may read the chart
-- (access.ts placedOnVisibleDashboardSql: a team dashboard shows a member's personal chart).
ALTER TABLE charts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY charts_read ON charts FOR SELECT TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams()) OR is_public, false)
    OR ocp_private.chart_placed_readably(id, owner_user_id, owner_team_id, is_public));
--> statement-breakpoint
CREATE POLICY charts_create ON charts FOR INSERT TO ocp_app WITH CHECK (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
CREATE POLICY charts_update ON charts FOR UPDATE TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams()) OR is_public, false)) WITH CHECK (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
CREATE POLICY charts_delete ON charts FOR DELETE TO ocp_app USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin}')), false));
--> statement-breakpoint
ALTER TABLE chart_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chart_versions_read ON chart_versions FOR SELECT TO ocp_app USING (ocp_private.chart_readable(chart_id));
--> statement-breakpoint
CREATE POLICY chart_versions_editors_insert ON chart_versions FOR INSERT TO ocp_app WITH CHECK (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
CREATE POLICY chart_versions_editors_update ON chart_versions FOR UPDATE TO ocp_app USING (ocp_private.chart_writable(chart_id)) WITH CHECK (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
CREATE POLICY chart_versions_editors_delete ON chart_versions FOR DELETE TO ocp_app USING (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
ALTER TABLE chart_version_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chart_version_counters_editors_read ON chart_version_counters FOR SELECT TO ocp_app USING (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
CREATE POLICY chart_version_counters_editors_insert ON chart_version_counters FOR INSERT TO ocp_app WITH CHECK (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
CREATE POLICY chart_version_counters_editors_update ON chart_version_counters FOR UPDATE TO ocp_app USING (ocp_private.chart_writable(chart_id)) WITH CHECK (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
CREATE POLICY chart_version_counters_editors_delete ON chart_version_counters FOR DELETE TO ocp_app USING (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
-- An http source's secret headers: used when the chart's data is read, changed with the chart.
ALTER TABLE ocp_private.chart_source_secrets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY source_secrets_read ON ocp_private.chart_source_secrets FOR SELECT TO ocp_app
  USING (ocp_private.chart_readable(chart_id));
--> statement-breakpoint
CREATE POLICY source_secrets_write_insert ON ocp_private.chart_source_secrets FOR INSERT TO ocp_app WITH CHECK (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
CREATE POLICY source_secrets_write_update ON ocp_private.chart_source_secrets FOR UPDATE TO ocp_app USING (ocp_private.chart_writable(chart_id)) WITH CHECK (ocp_private.chart_writable(chart_id));
--> statement-breakpoint
CREATE POLICY source_secrets_write_delete ON ocp_private.chart_source_secrets FOR DELETE TO ocp_app USING (ocp_private.chart_writable(chart_id));
--> statement-breakpoint

-- Sharing links: seen by their creator and whoever reads the resource (a viewer who tries to revoke one hears
-- FORBIDDEN, not NOT_FOUND), created by editors, revoked by their creator or the resource's editors. Tokens are
-- resolved by the server's own connection (the column is not even readable by ocp_app).
ALTER TABLE sharing_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE FUNCTION ocp_private.can_share(resource_type text, resource_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT CASE resource_type
    WHEN 'dashboard' THEN ocp_private.dashboard_writable(resource_id)
    WHEN 'chart' THEN ocp_private.chart_writable(resource_id)
    WHEN 'template' THEN EXISTS (SELECT 1 FROM public.dashboard_templates t WHERE t.id = resource_id AND t.created_by = auth.uid())
    ELSE false END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ocp_private.can_share(text, uuid) TO ocp_app;
--> statement-breakpoint
CREATE POLICY sharing_links_read ON sharing_links FOR SELECT TO ocp_app
  USING (created_by = (SELECT auth.uid()) OR CASE resource_type
    WHEN 'dashboard' THEN ocp_private.dashboard_readable(resource_id)
    WHEN 'chart' THEN ocp_private.chart_readable(resource_id)
    WHEN 'template' THEN ocp_private.template_readable(resource_id)
    ELSE false END);
--> statement-breakpoint
CREATE POLICY sharing_links_create ON sharing_links FOR INSERT TO ocp_app
  WITH CHECK (created_by = (SELECT auth.uid()) AND ocp_private.can_share(resource_type, resource_id));
--> statement-breakpoint
CREATE POLICY sharing_links_delete ON sharing_links FOR DELETE TO ocp_app
  USING (created_by = (SELECT auth.uid()) OR ocp_private.can_share(resource_type, resource_id));
--> statement-breakpoint

-- The personal workspace: its user's alone. A dataset is also readable, read-only, by whoever can read a chart of
-- its user that draws from it (data sources read as the chart's owner: data/sources/db-sources.ts).
ALTER TABLE workspace_folders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY folders_mine_read ON workspace_folders FOR SELECT TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY folders_mine_insert ON workspace_folders FOR INSERT TO ocp_app WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY folders_mine_update ON workspace_folders FOR UPDATE TO ocp_app USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY folders_mine_delete ON workspace_folders FOR DELETE TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
ALTER TABLE workspace_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY items_mine_read ON workspace_items FOR SELECT TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY items_mine_insert ON workspace_items FOR INSERT TO ocp_app WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY items_mine_update ON workspace_items FOR UPDATE TO ocp_app USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY items_mine_delete ON workspace_items FOR DELETE TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY items_datasets_of_readable_charts ON workspace_items FOR SELECT TO ocp_app
  USING (item_type = 'dataset' AND ocp_private.dataset_used_readably(id, user_id));
--> statement-breakpoint
ALTER TABLE dataset_chunks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chunks_read ON dataset_chunks FOR SELECT TO ocp_app USING (ocp_private.item_readable(item_id));
--> statement-breakpoint
CREATE POLICY chunks_write_insert ON dataset_chunks FOR INSERT TO ocp_app WITH CHECK (EXISTS (SELECT 1 FROM workspace_items w WHERE w.id = item_id AND w.user_id = (SELECT auth.uid())));
--> statement-breakpoint
CREATE POLICY chunks_write_update ON dataset_chunks FOR UPDATE TO ocp_app USING (EXISTS (SELECT 1 FROM workspace_items w WHERE w.id = item_id AND w.user_id = (SELECT auth.uid()))) WITH CHECK (EXISTS (SELECT 1 FROM workspace_items w WHERE w.id = item_id AND w.user_id = (SELECT auth.uid())));
--> statement-breakpoint
CREATE POLICY chunks_write_delete ON dataset_chunks FOR DELETE TO ocp_app USING (EXISTS (SELECT 1 FROM workspace_items w WHERE w.id = item_id AND w.user_id = (SELECT auth.uid())));
--> statement-breakpoint

-- Chat: a session and its messages are its user's.
ALTER TABLE chat_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chat_sessions_mine_read ON chat_sessions FOR SELECT TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY chat_sessions_mine_insert ON chat_sessions FOR INSERT TO ocp_app WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY chat_sessions_mine_update ON chat_sessions FOR UPDATE TO ocp_app USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
--> statement-breakpoint
CREATE POLICY chat_sessions_mine_delete ON chat_sessions FOR DELETE TO ocp_app USING (user_id = (SELECT auth.uid()));
--> statement-breakpoint
ALTER TABLE chat_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chat_messages_mine_read ON chat_messages FOR SELECT TO ocp_app USING (EXISTS (SELECT 1 FROM chat_sessions s WHERE s.id = chat_session_id));
--> statement-breakpoint
CREATE POLICY chat_messages_mine_insert ON chat_messages FOR INSERT TO ocp_app WITH CHECK (EXISTS (SELECT 1 FROM chat_sessions s WHERE s.id = chat_session_id));
--> statement-breakpoint
CREATE POLICY chat_messages_mine_update ON chat_messages FOR UPDATE TO ocp_app USING (EXISTS (SELECT 1 FROM chat_sessions s WHERE s.id = chat_session_id)) WITH CHECK (EXISTS (SELECT 1 FROM chat_sessions s WHERE s.id = chat_session_id));
--> statement-breakpoint
CREATE POLICY chat_messages_mine_delete ON chat_messages FOR DELETE TO ocp_app USING (EXISTS (SELECT 1 FROM chat_sessions s WHERE s.id = chat_session_id));
--> statement-breakpoint
ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agents_read ON agents FOR SELECT TO ocp_app USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams()) OR is_public, false));
--> statement-breakpoint
CREATE POLICY agents_create ON agents FOR INSERT TO ocp_app WITH CHECK (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
CREATE POLICY agents_update ON agents FOR UPDATE TO ocp_app
  USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams()) OR is_public, false)) WITH CHECK (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
CREATE POLICY agents_delete ON agents FOR DELETE TO ocp_app USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin}')), false));
--> statement-breakpoint
-- Messages other users' chats got from a public agent keep their text and lose the reference when it is deleted
-- (agents.delete); the caller cannot see those messages, so the owner's rights do it, once the delete is allowed.
CREATE FUNCTION ocp_private.detach_agent_messages() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  UPDATE public.chat_messages SET agent_id = NULL WHERE agent_id = OLD.id;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER detach_messages BEFORE DELETE ON agents FOR EACH ROW EXECUTE FUNCTION ocp_private.detach_agent_messages();
--> statement-breakpoint
-- The model catalogue is the server's: everyone reads it, only the owner connection writes it…
ALTER TABLE llm_models ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY models_read ON llm_models FOR SELECT TO ocp_app USING (true);
--> statement-breakpoint
-- …except the row of the endpoint configured on the server, which the first request that needs it registers
-- (services/models.ts ensureConfiguredModel; inside a request, the owner connection would wait on it in PGlite).
CREATE POLICY models_register_configured ON llm_models FOR INSERT TO ocp_app WITH CHECK (provider = 'openai-compatible');
--> statement-breakpoint

-- Energy: a site is its owner's (user or team); readable too by whoever can read an energy chart of an owner who
-- sees the site (the energy source reads as the chart's owner). Series, readings, forecasts and anomalies follow
-- their site; the big tables test membership against the set of readable series, computed once per query.
ALTER TABLE energy_sites ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY energy_sites_read ON energy_sites FOR SELECT TO ocp_app USING (id IN (SELECT ocp_private.readable_sites()));
--> statement-breakpoint
CREATE POLICY energy_sites_write_insert ON energy_sites FOR INSERT TO ocp_app WITH CHECK (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
CREATE POLICY energy_sites_write_update ON energy_sites FOR UPDATE TO ocp_app USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false)) WITH CHECK (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
CREATE POLICY energy_sites_write_delete ON energy_sites FOR DELETE TO ocp_app USING (coalesce(owner_user_id = (SELECT auth.uid()) OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false));
--> statement-breakpoint
ALTER TABLE energy_series ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY energy_series_read ON energy_series FOR SELECT TO ocp_app USING (site_id IN (SELECT ocp_private.readable_sites()));
--> statement-breakpoint
CREATE POLICY energy_series_write_insert ON energy_series FOR INSERT TO ocp_app WITH CHECK (EXISTS (SELECT 1 FROM energy_sites s WHERE s.id = site_id AND coalesce(s.owner_user_id = (SELECT auth.uid()) OR s.owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false)));
--> statement-breakpoint
CREATE POLICY energy_series_write_update ON energy_series FOR UPDATE TO ocp_app USING (EXISTS (SELECT 1 FROM energy_sites s WHERE s.id = site_id AND coalesce(s.owner_user_id = (SELECT auth.uid()) OR s.owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false))) WITH CHECK (EXISTS (SELECT 1 FROM energy_sites s WHERE s.id = site_id AND coalesce(s.owner_user_id = (SELECT auth.uid()) OR s.owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false)));
--> statement-breakpoint
CREATE POLICY energy_series_write_delete ON energy_series FOR DELETE TO ocp_app USING (EXISTS (SELECT 1 FROM energy_sites s WHERE s.id = site_id AND coalesce(s.owner_user_id = (SELECT auth.uid()) OR s.owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}')), false)));
--> statement-breakpoint
ALTER TABLE energy_readings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY energy_readings_read ON energy_readings FOR SELECT TO ocp_app USING (series_id IN (SELECT ocp_private.readable_series()));
--> statement-breakpoint
ALTER TABLE energy_forecasts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY energy_forecasts_read ON energy_forecasts FOR SELECT TO ocp_app USING (series_id IN (SELECT ocp_private.readable_series()));
--> statement-breakpoint
ALTER TABLE energy_anomalies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY energy_anomalies_read ON energy_anomalies FOR SELECT TO ocp_app USING (series_id IN (SELECT ocp_private.readable_series()));
