import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { migrationsFolder } from './migrate.js';
import { demoCharts } from './seed/demo-charts.js';
import { DEMO_DASHBOARDS, DEMO_FOLDERS } from './seed/demo-dashboards.js';
import { OFFLINE_MODEL } from './seed/system-models.js';
import { SYSTEM_TEMPLATES } from './seed/system-templates.js';

// Why: a new PGlite data directory runs initdb inside WebAssembly, which takes seconds, then every migration, and a
// `pnpm start` then loads the demo workspace (a year of readings: seconds more). The first start on a machine keeps
// copies of the data directory: migrated (`migrated`), and migrated with the demo workspace loaded but not yet
// claimed (`demo`, see seed/demo-start.ts); a later new directory is a plain file copy of one of them, which skips
// all of that. Copied with node's fs, not PGlite's tar (`dumpDataDir`/`loadDataDir`), whose unpacking through the
// WebAssembly file system cost most of a second for the 42 MB migrated template. Neither copy holds a password, a
// session or a secret (taken before anyone signs up, before the JWT secret exists, the demo account without a
// password), and each is named after a hash of everything that shapes it, so a new migration, system template,
// demo change or PGlite version makes a new one.

export type TemplateKind = 'migrated' | 'demo';

/** `OCP_CACHE_DIR`, else node_modules/.cache/ocp-db beside this package; null when OCP_DB_TEMPLATE=0. */
export function templateCacheDir(): string | null {
  if (process.env.OCP_DB_TEMPLATE === '0') return null;
  return (
    process.env.OCP_CACHE_DIR ??
    path.join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', '.cache', 'ocp-db')
  );
}

function pgliteVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === '@electric-sql/pglite') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

/** Every file under a folder, in a stable order, into the hash. */
function hashFolder(hash: ReturnType<typeof createHash>, folder: string): void {
  for (const file of fs.readdirSync(folder, { recursive: true }).map(String).sort()) {
    const full = path.join(folder, file);
    if (!fs.statSync(full).isFile()) continue;
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(full));
  }
}

let key: string | undefined;
/** Hash of the PGlite version, every migration file and the system rows a start installs. */
export function templateKey(): string {
  if (key) return key;
  const hash = createHash('sha256');
  hash.update(`pglite ${pgliteVersion()}\n`);
  hashFolder(hash, migrationsFolder);
  hash.update(JSON.stringify(SYSTEM_TEMPLATES));
  hash.update(JSON.stringify(OFFLINE_MODEL));
  key = hash.digest('hex').slice(0, 16);
  return key;
}

let demoKey: string | undefined;
/**
 * The migrated template's key plus every source of this package (the schema, the demo's generators and seeding)
 * and the demo's charts, dashboards and folders as values (they take some from @ocp/contract): any change there
 * makes a new demo template.
 */
export function demoTemplateKey(): string {
  if (demoKey) return demoKey;
  const hash = createHash('sha256');
  hash.update(`${templateKey()}\n`);
  hashFolder(hash, fileURLToPath(new URL('.', import.meta.url)));
  hash.update(JSON.stringify([demoCharts(), DEMO_DASHBOARDS, DEMO_FOLDERS]));
  demoKey = hash.digest('hex').slice(0, 16);
  return demoKey;
}

function templateDir(cache: string, kind: TemplateKind): string {
  return path.join(cache, `pglite-${kind}-${kind === 'demo' ? demoTemplateKey() : templateKey()}`);
}

/** PostgreSQL's version file: a directory without it is new (client.ts), so it is copied last. */
const VERSION_FILE = 'PG_VERSION';

/**
 * Copies the first cached template of the kinds asked for (in that order) into an empty data directory; returns
 * the kind copied, or null when none is cached (or caching is off). A copy cut short leaves no PG_VERSION, so the
 * next start treats the directory as new again and copies over it.
 */
export function copyTemplate(kinds: TemplateKind[], dataDir: string): TemplateKind | null {
  const cache = templateCacheDir();
  if (!cache) return null;
  for (const kind of kinds) {
    const from = templateDir(cache, kind);
    if (!fs.existsSync(path.join(from, VERSION_FILE))) continue;
    const version = path.join(from, VERSION_FILE);
    // A copy-on-write clone where the file system has them (APFS, Btrfs, XFS): no bytes copied at all.
    const mode = fs.constants.COPYFILE_FICLONE;
    fs.cpSync(from, dataDir, { recursive: true, mode, filter: (src) => src !== version });
    fs.copyFileSync(version, path.join(dataDir, VERSION_FILE));
    return kind;
  }
  return null;
}

/** Whether a template of this kind is cached (a start that would save one skips the work when it is). */
export function hasTemplate(kind: TemplateKind): boolean {
  const cache = templateCacheDir();
  return cache !== null && fs.existsSync(path.join(templateDir(cache, kind), VERSION_FILE));
}

/** A WAL segment's file name: timeline, log and segment, 24 hex digits. */
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Saves an open on-disk PGlite database as a template (once per machine and key). After a CHECKPOINT every page is
 * in the data files, so the copy needs only the WAL from the checkpoint's redo point on (a copy opens like a
 * database after a crash and replays that little). The older segments PostgreSQL keeps for reuse are left out:
 * after the demo's bulk load they were 80 MB of the 236 MB a naive copy weighed. Copied to a temporary name and
 * renamed, so two first starts at once never leave half a template. A cache that cannot be written only costs the
 * next new directory its seconds.
 */
export async function saveTemplate(
  pglite: PGlite,
  dataDir: string,
  kind: TemplateKind,
  log?: (line: string) => void,
): Promise<void> {
  const cache = templateCacheDir();
  if (!cache) return;
  const dir = templateDir(cache, kind);
  if (fs.existsSync(dir)) return;
  const temporary = `${dir}.${process.pid}.tmp`;
  try {
    await pglite.exec('CHECKPOINT');
    const {
      rows: [wal],
    } = await pglite.query<{ redo: string; current: string }>(
      `SELECT pg_walfile_name(redo_lsn) AS redo, pg_walfile_name(pg_current_wal_insert_lsn()) AS current
       FROM pg_control_checkpoint()`,
    );
    const needed = (name: string) => !WAL_SEGMENT.test(name) || (name >= wal!.redo && name <= wal!.current);
    // The running process's lock file stays behind: a copy is opened by another process.
    const lock = path.join(dataDir, 'postmaster.pid');
    fs.mkdirSync(cache, { recursive: true, mode: 0o700 });
    fs.rmSync(temporary, { recursive: true, force: true });
    fs.cpSync(dataDir, temporary, {
      recursive: true,
      filter: (src) => src !== lock && (path.basename(path.dirname(src)) !== 'pg_wal' || needed(path.basename(src))),
    });
    fs.chmodSync(temporary, 0o700);
    fs.renameSync(temporary, dir);
    removeStale(cache, kind, dir);
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    // Another start saved the same template first: theirs is as good as ours.
    if (fs.existsSync(path.join(dir, VERSION_FILE))) return;
    log?.(
      `Could not cache the ${kind} database in ${cache} (${(error as Error).message}); the next new one is built again`,
    );
  }
}

/**
 * Templates of this kind under older keys, and the tarballs earlier versions cached: each is tens of megabytes (the
 * demo's a hundred), and nothing opens them again once the key has moved on.
 */
function removeStale(cache: string, kind: TemplateKind, current: string): void {
  for (const name of fs.readdirSync(cache)) {
    const full = path.join(cache, name);
    const stale = name.startsWith(`pglite-${kind}-`) && !name.endsWith('.tmp') && full !== current;
    if (stale || /^pglite-migrated-[0-9a-f]+\.tar$/.test(name)) fs.rmSync(full, { recursive: true, force: true });
  }
}
