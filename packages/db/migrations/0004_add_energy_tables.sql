-- Why: the seed names an energy-optimisation section ("Section F") but never defines it. The energy chart
-- type and the demo need meter readings, a baseline forecast and flagged anomalies: sites (owned like charts,
-- so a chart reads only its owner's sites), series (one meter, one source), readings keyed by (series_id, ts) so
-- range scans use the primary key, forecasts with a prediction band per model, and anomalies as a small table
-- beside the readings instead of a flag column on every reading.
CREATE TABLE "energy_anomalies" (
	"series_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"detector" text NOT NULL,
	"kwh" double precision NOT NULL,
	"expected_kwh" double precision,
	"score" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "energy_anomalies_pkey" PRIMARY KEY("series_id","detector","ts")
);
--> statement-breakpoint
CREATE TABLE "energy_forecasts" (
	"series_id" uuid NOT NULL,
	"model" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"predicted_kwh" double precision NOT NULL,
	"lower_kwh" double precision,
	"upper_kwh" double precision,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "energy_forecasts_pkey" PRIMARY KEY("series_id","model","ts")
);
--> statement-breakpoint
CREATE TABLE "energy_readings" (
	"series_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"kwh" double precision NOT NULL,
	CONSTRAINT "energy_readings_pkey" PRIMARY KEY("series_id","ts")
);
--> statement-breakpoint
CREATE TABLE "energy_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"meter" text NOT NULL,
	"source" text NOT NULL,
	"unit" text DEFAULT 'kWh' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "energy_series_site_id_meter_key" UNIQUE("site_id","meter"),
	CONSTRAINT "energy_series_source_check" CHECK ("energy_series"."source" IN ('grid', 'solar', 'wind', 'battery', 'demand'))
);
--> statement-breakpoint
CREATE TABLE "energy_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"owner_user_id" uuid,
	"owner_team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "energy_site_owner_check" CHECK (("energy_sites"."owner_user_id" IS NOT NULL AND "energy_sites"."owner_team_id" IS NULL) OR ("energy_sites"."owner_user_id" IS NULL AND "energy_sites"."owner_team_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "energy_anomalies" ADD CONSTRAINT "energy_anomalies_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "public"."energy_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_forecasts" ADD CONSTRAINT "energy_forecasts_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "public"."energy_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_readings" ADD CONSTRAINT "energy_readings_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "public"."energy_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_series" ADD CONSTRAINT "energy_series_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "public"."energy_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_sites" ADD CONSTRAINT "energy_sites_owner_user_id_fkey" FOREIGN KEY ("owner_user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_sites" ADD CONSTRAINT "energy_sites_owner_team_id_fkey" FOREIGN KEY ("owner_team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_energy_series_site_source" ON "energy_series" USING btree ("site_id","source");--> statement-breakpoint
CREATE INDEX "idx_energy_sites_owner_user" ON "energy_sites" USING btree ("owner_user_id") WHERE "energy_sites"."owner_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_energy_sites_owner_team" ON "energy_sites" USING btree ("owner_team_id") WHERE "energy_sites"."owner_team_id" IS NOT NULL;