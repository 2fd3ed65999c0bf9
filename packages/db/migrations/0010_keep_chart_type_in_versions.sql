-- Why: chart_versions kept the Plotly and data-source configs but not the chart's type or title, so restoring a bar
-- version of a chart that had become a line chart drew bars while charts.chart_type still said "line" (slot rules and
-- badges then judged the wrong type). Versions now keep both, and a restore brings them back with the configs.
ALTER TABLE "chart_versions" ADD COLUMN "chart_type" text;--> statement-breakpoint
ALTER TABLE "chart_versions" ADD COLUMN "title" text;--> statement-breakpoint
-- Only each chart's newest version is known to match the chart as it is now; older ones stay NULL (a restore infers
-- their type from their trace templates).
UPDATE "chart_versions" v SET "chart_type" = c."chart_type", "title" = c."title"
  FROM "charts" c
 WHERE c."id" = v."chart_id"
   AND v."version_number" = (SELECT max(v2."version_number") FROM "chart_versions" v2 WHERE v2."chart_id" = v."chart_id");
