import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ownerXor } from './_columns.js';
import { authUsers } from './auth.js';
import { teams } from './users-teams.js';

// The seed's "Section F" (energy data), which the seed names but never defines. Not in the seed DDL:
// schema-fidelity lists these tables as deliberate extras.

/** Where energy is measured. Owned like charts (a user XOR a team); a chart reads only its owner's sites. */
export const energySites = pgTable(
  'energy_sites',
  {
    id: id(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    ownerUserId: uuid('owner_user_id'),
    ownerTeamId: uuid('owner_team_id'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'energy_sites_owner_user_id_fkey',
      columns: [t.ownerUserId],
      foreignColumns: [authUsers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'energy_sites_owner_team_id_fkey',
      columns: [t.ownerTeamId],
      foreignColumns: [teams.id],
    }).onDelete('cascade'),
    ownerXor('energy_site_owner_check', t),
    index('idx_energy_sites_owner_user').on(t.ownerUserId).where(sql`${t.ownerUserId} IS NOT NULL`),
    index('idx_energy_sites_owner_team').on(t.ownerTeamId).where(sql`${t.ownerTeamId} IS NOT NULL`),
  ],
);

export const ENERGY_SOURCES = ['grid', 'solar', 'wind', 'battery', 'demand'] as const;
/** Generation sources plus `demand` (a consumption meter). Battery is negative while charging. */
export type EnergySource = (typeof ENERGY_SOURCES)[number];

/** One meter at one site measuring one source; its readings are in energy_readings. */
export const energySeries = pgTable(
  'energy_series',
  {
    id: id(),
    siteId: uuid('site_id').notNull(),
    meter: text('meter').notNull(),
    source: text('source').$type<EnergySource>().notNull(),
    unit: text('unit').notNull().default('kWh'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: 'energy_series_site_id_fkey', columns: [t.siteId], foreignColumns: [energySites.id] }).onDelete(
      'cascade',
    ),
    unique('energy_series_site_id_meter_key').on(t.siteId, t.meter),
    check('energy_series_source_check', sql`${t.source} IN ('grid', 'solar', 'wind', 'battery', 'demand')`),
    index('idx_energy_series_site_source').on(t.siteId, t.source),
  ],
);

/**
 * Interval readings: energy in kWh over the interval starting at `ts`. The primary key (series_id, ts) is also
 * the index every range scan uses (WHERE series_id = … AND ts BETWEEN …), so no second index is needed.
 */
export const energyReadings = pgTable(
  'energy_readings',
  {
    seriesId: uuid('series_id').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'string' }).notNull(),
    kwh: doublePrecision('kwh').notNull(),
  },
  (t) => [
    primaryKey({ name: 'energy_readings_pkey', columns: [t.seriesId, t.ts] }),
    foreignKey({
      name: 'energy_readings_series_id_fkey',
      columns: [t.seriesId],
      foreignColumns: [energySeries.id],
    }).onDelete('cascade'),
  ],
);

/** Predicted kWh per interval with a prediction band, by model; one row per (series, model, ts). */
export const energyForecasts = pgTable(
  'energy_forecasts',
  {
    seriesId: uuid('series_id').notNull(),
    model: text('model').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'string' }).notNull(),
    predictedKwh: doublePrecision('predicted_kwh').notNull(),
    lowerKwh: doublePrecision('lower_kwh'),
    upperKwh: doublePrecision('upper_kwh'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'energy_forecasts_pkey', columns: [t.seriesId, t.model, t.ts] }),
    foreignKey({
      name: 'energy_forecasts_series_id_fkey',
      columns: [t.seriesId],
      foreignColumns: [energySeries.id],
    }).onDelete('cascade'),
  ],
);

/** Readings a detector flagged: few rows, so a table beside the readings rather than a column on every reading. */
export const energyAnomalies = pgTable(
  'energy_anomalies',
  {
    seriesId: uuid('series_id').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'string' }).notNull(),
    detector: text('detector').notNull(),
    kwh: doublePrecision('kwh').notNull(),
    expectedKwh: doublePrecision('expected_kwh'),
    /** How far out the reading is, in the detector's unit (robust z-score for residual-MAD). */
    score: doublePrecision('score').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'energy_anomalies_pkey', columns: [t.seriesId, t.detector, t.ts] }),
    foreignKey({
      name: 'energy_anomalies_series_id_fkey',
      columns: [t.seriesId],
      foreignColumns: [energySeries.id],
    }).onDelete('cascade'),
  ],
);

export type EnergySite = typeof energySites.$inferSelect;
export type NewEnergySite = typeof energySites.$inferInsert;
export type EnergySeries = typeof energySeries.$inferSelect;
export type NewEnergySeries = typeof energySeries.$inferInsert;
export type EnergyReading = typeof energyReadings.$inferSelect;
export type EnergyForecast = typeof energyForecasts.$inferSelect;
export type EnergyAnomaly = typeof energyAnomalies.$inferSelect;
