import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createScratchDb, createTestDb, rawExec, type TestDb } from '../src/testing.js';
import { type Catalog, readCatalog } from './catalog.js';
import { AUTH_STUB, seedAvailable, seedDdl, seedMissingMessage } from './seed-file.js';

// Everything we add on top of the seed, and why. Anything else that differs fails the test.
const EXTRA_TABLES: Record<string, string> = {
  chart_version_counters: 'race-free chart version numbers (migration 0003)',
  dashboard_version_counters: 'race-free dashboard version numbers (migration 0003)',
  energy_sites: "energy model, the seed's Section F (migration 0004)",
  energy_series: "energy model, the seed's Section F (migration 0004)",
  energy_readings: "energy model, the seed's Section F (migration 0004)",
  energy_forecasts: "energy model, the seed's Section F (migration 0004)",
  energy_anomalies: "energy model, the seed's Section F (migration 0004)",
  team_invitations: 'membership by consent: invitations (migration 0007)',
  user_token_generations: "'sign out everywhere' and password changes end older tokens (migration 0007)",
  revoked_tokens: 'single tokens signed out before they expire (migration 0007)',
  dataset_chunks: 'dataset columns written in chunks as an upload streams (migration 0009), in binary (migration 0016)',
};
// Columns added to seed tables (key `table.column`), and why.
const EXTRA_COLUMNS: Record<string, string> = {
  'chart_versions.chart_type': 'a restored version brings its chart type back with its configs (migration 0010)',
  'chart_versions.title': 'a restored version brings its title back with its configs (migration 0010)',
  'dashboard_templates.owner_team_id': 'a custom template can be shared with one team (migration 0019)',
};
// Constraints and indexes added to seed tables (key `table.name`), and why.
const EXTRA_CONSTRAINTS: Record<string, string> = {
  'dashboard_templates.dashboard_templates_owner_team_id_fkey': 'the team a template is shared with (migration 0019)',
};
const EXTRA_INDEXES: Record<string, string> = {
  'dashboard_templates.idx_dashboard_templates_owner_team': "a team's templates (migration 0019)",
};

/** `map` without the listed extras, failing when one of them is not there. */
function withoutExtras(map: Map<string, string>, extras: Record<string, string>): Map<string, string> {
  const rest = new Map(map);
  for (const key of Object.keys(extras)) assert.ok(rest.delete(key), `listed extra ${key} is missing`);
  return rest;
}
const UPDATED_AT_TABLES = [
  'user_profiles',
  'teams',
  'dashboard_templates',
  'dashboards',
  'dashboard_tabs',
  'charts',
  'workspace_items',
  'chat_sessions',
  'agents',
];
const EXTRA_TRIGGERS: Record<string, string> = {
  ...Object.fromEntries(
    UPDATED_AT_TABLES.map((t) => [`${t}.set_updated_at`, 'updated_at maintenance (migration 0002)']),
  ),
  'dashboard_versions.auto_increment_dashboard_version':
    'dashboard versions numbered like chart versions (migration 0003)',
  ...Object.fromEntries(
    ['teams', 'dashboard_templates', 'dashboards', 'charts', 'agents'].map((t) => [
      `${t}.guard_update`,
      'row-level security: the app role updates only rows it may write (migration 0014)',
    ]),
  ),
  'agents.detach_messages': "a deleted agent's messages in other users' chats lose the reference (migration 0014)",
  ...Object.fromEntries(
    [
      'dashboards',
      'dashboard_tabs',
      'chart_placements',
      'charts',
      'chart_versions',
      'dashboard_templates',
      'dashboard_template_slots',
      'user_team_memberships',
    ].map((t) => [`${t}.notify_cache`, "warm reads' caches hear of every change that decides them (migration 0017)"]),
  ),
};

function onSeedTables(map: Map<string, string>, tables: Set<string>): Map<string, string> {
  return new Map([...map].filter(([key]) => tables.has(key.slice(0, key.indexOf('.')))));
}

function diff(label: string, seed: Map<string, string>, ours: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, value] of seed) {
    if (!ours.has(key)) problems.push(`${label} ${key} is missing`);
    else if (ours.get(key) !== value) problems.push(`${label} ${key}: seed "${value}" vs ours "${ours.get(key)}"`);
  }
  for (const key of ours.keys()) if (!seed.has(key)) problems.push(`${label} ${key} is not in the seed`);
  return problems;
}

describe('schema fidelity: migrated database vs the seed DDL', {
  skip: seedAvailable ? false : seedMissingMessage,
}, () => {
  let seedDb: TestDb;
  let ourDb: TestDb;
  let seed: Catalog;
  let ours: Catalog;

  before(async () => {
    seedDb = await createScratchDb();
    await rawExec(seedDb, AUTH_STUB + seedDdl());
    ourDb = await createTestDb();
    [seed, ours] = await Promise.all([readCatalog(seedDb), readCatalog(ourDb)]);
  });
  after(async () => {
    await seedDb?.close();
    await ourDb?.close();
  });

  test('the seed defines the tables we expect to compare', () => {
    assert.equal(seed.tables.size, 18, [...seed.tables].join(', '));
  });

  test('every seed table exists, and the only extra tables are the listed ones', () => {
    for (const t of seed.tables) assert.ok(ours.tables.has(t), `table ${t} is missing`);
    const extra = [...ours.tables].filter((t) => !seed.tables.has(t)).sort();
    assert.deepEqual(extra, Object.keys(EXTRA_TABLES).sort());
  });

  test('every column has the seed type, nullability and default, and the only added columns are the listed ones', () => {
    const mine = onSeedTables(ours.columns, seed.tables);
    for (const key of Object.keys(EXTRA_COLUMNS)) assert.ok(mine.delete(key), `listed extra column ${key} is missing`);
    assert.deepEqual(diff('column', seed.columns, mine), []);
  });

  test('every constraint (PK, UNIQUE, CHECK, FK with ON DELETE) matches by name and definition', () => {
    const mine = withoutExtras(onSeedTables(ours.constraints, seed.tables), EXTRA_CONSTRAINTS);
    assert.deepEqual(diff('constraint', seed.constraints, mine), []);
  });

  test('every index matches by name and definition', () => {
    const mine = withoutExtras(onSeedTables(ours.indexes, seed.tables), EXTRA_INDEXES);
    assert.deepEqual(diff('index', seed.indexes, mine), []);
  });

  test('enums match with their labels in order', () => {
    assert.deepEqual([...ours.enums].sort(), [...seed.enums].sort());
  });

  test('the seed triggers exist with the same timing and event; extra triggers are only the listed ones', () => {
    const seedTriggers = seed.triggers;
    const ourSeedTableTriggers = onSeedTables(ours.triggers, seed.tables);
    for (const key of Object.keys(EXTRA_TRIGGERS)) {
      assert.ok(ourSeedTableTriggers.has(key), `listed extra trigger ${key} is missing`);
      ourSeedTableTriggers.delete(key);
    }
    assert.deepEqual(diff('trigger', seedTriggers, ourSeedTableTriggers), []);
  });
});
