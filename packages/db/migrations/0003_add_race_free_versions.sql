-- Why: the seed numbers versions with MAX(version_number) + 1 in a BEFORE INSERT trigger. Two concurrent
-- transactions read the same MAX and the second one dies on UNIQUE(chart_id, version_number). We keep the
-- trigger's contract (callers never pass a number; same function and trigger names) but take the number
-- from a per-chart counter row with INSERT … ON CONFLICT DO UPDATE … RETURNING: the row lock serialises
-- writers of the same chart only, and a rolled-back insert gives its number back with the transaction.
-- dashboard_versions, which the seed leaves unnumbered, gets the same mechanism.
CREATE OR REPLACE FUNCTION increment_chart_version() RETURNS TRIGGER AS $$
BEGIN
  IF NEW.chart_id IS NULL THEN
    NEW.version_number := 1;
    RETURN NEW;
  END IF;
  INSERT INTO chart_version_counters AS c (chart_id, last_version)
  VALUES (
    NEW.chart_id,
    COALESCE((SELECT MAX(version_number) FROM chart_versions WHERE chart_id = NEW.chart_id), 0) + 1
  )
  ON CONFLICT (chart_id) DO UPDATE SET last_version = c.last_version + 1
  RETURNING last_version INTO NEW.version_number;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER auto_increment_chart_version
  BEFORE INSERT ON chart_versions
  FOR EACH ROW
  EXECUTE FUNCTION increment_chart_version();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION increment_dashboard_version() RETURNS TRIGGER AS $$
BEGIN
  IF NEW.dashboard_id IS NULL THEN
    NEW.version_number := 1;
    RETURN NEW;
  END IF;
  INSERT INTO dashboard_version_counters AS c (dashboard_id, last_version)
  VALUES (
    NEW.dashboard_id,
    COALESCE((SELECT MAX(version_number) FROM dashboard_versions WHERE dashboard_id = NEW.dashboard_id), 0) + 1
  )
  ON CONFLICT (dashboard_id) DO UPDATE SET last_version = c.last_version + 1
  RETURNING last_version INTO NEW.version_number;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER auto_increment_dashboard_version
  BEFORE INSERT ON dashboard_versions
  FOR EACH ROW
  EXECUTE FUNCTION increment_dashboard_version();
