-- Why: the seed declares updated_at columns but nothing maintains them; a BEFORE UPDATE trigger keeps them
-- honest for every writer (the API, SQL consoles, other services) and backs optimistic concurrency
-- (dashboards.update compares expectedUpdatedAt with this column).
CREATE OR REPLACE FUNCTION ocp_set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON user_profiles FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON dashboard_templates FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON dashboards FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON dashboard_tabs FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON charts FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON workspace_items FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON chat_sessions FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER set_updated_at BEFORE UPDATE ON agents FOR EACH ROW EXECUTE FUNCTION ocp_set_updated_at();
