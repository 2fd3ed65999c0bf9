-- Why: a custom template can be shared with one team (owner_team_id), not only with every teammate of its creator.
-- A team template is read by that team's members (and by its creator); only the team's editors and admins may make
-- one, and only its creator edits it (guard_update is unchanged). A personal template (owner_team_id NULL) keeps
-- the old rule: the creator's teammates use it. A team that owns templates cannot be deleted (no action FK).
ALTER TABLE "dashboard_templates" ADD COLUMN "owner_team_id" uuid;
--> statement-breakpoint
ALTER TABLE "dashboard_templates" ADD CONSTRAINT "dashboard_templates_owner_team_id_fkey" FOREIGN KEY ("owner_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "idx_dashboard_templates_owner_team" ON "dashboard_templates" USING btree ("owner_team_id") WHERE "owner_team_id" IS NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ocp_private.template_readable(t uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (SELECT 1 FROM public.dashboard_templates x WHERE x.id = t
    AND (x.created_by = auth.uid() OR coalesce(x.is_system_template, false)
         OR (x.owner_team_id IS NULL AND x.created_by IN (SELECT ocp_private.my_teammates()))
         OR x.owner_team_id IN (SELECT ocp_private.my_teams())
         OR ocp_private.template_used_readably(x.id)))
$$;
--> statement-breakpoint
DROP POLICY templates_read ON dashboard_templates;
--> statement-breakpoint
CREATE POLICY templates_read ON dashboard_templates FOR SELECT TO ocp_app
  USING (created_by = (SELECT auth.uid()) OR coalesce(is_system_template, false)
    OR (owner_team_id IS NULL AND created_by IN (SELECT ocp_private.my_teammates()))
    OR owner_team_id IN (SELECT ocp_private.my_teams())
    OR ocp_private.template_used_readably(id));
--> statement-breakpoint
DROP POLICY templates_create ON dashboard_templates;
--> statement-breakpoint
CREATE POLICY templates_create ON dashboard_templates FOR INSERT TO ocp_app
  WITH CHECK (created_by = (SELECT auth.uid()) AND NOT coalesce(is_system_template, false)
    AND (owner_team_id IS NULL OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}'))));
--> statement-breakpoint
DROP POLICY templates_update ON dashboard_templates;
--> statement-breakpoint
CREATE POLICY templates_update ON dashboard_templates FOR UPDATE TO ocp_app
  USING (created_by = (SELECT auth.uid()) OR coalesce(is_system_template, false)
    OR (owner_team_id IS NULL AND created_by IN (SELECT ocp_private.my_teammates()))
    OR owner_team_id IN (SELECT ocp_private.my_teams())
    OR ocp_private.template_used_readably(id))
  WITH CHECK (created_by = (SELECT auth.uid()) AND NOT coalesce(is_system_template, false)
    AND (owner_team_id IS NULL OR owner_team_id IN (SELECT ocp_private.my_teams_as('{admin,editor}'))));
