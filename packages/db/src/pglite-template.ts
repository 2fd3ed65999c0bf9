import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { migrationsFolder } from './migrate.js';
import { OFFLINE_MODEL } from './seed/system-models.js';
import { SYSTEM_TEMPLATES } from './seed/system-templates.js';

// Why: a new PGlite data directory runs initdb inside WebAssembly, which takes seconds, and then every migration.
// The first start on a machine saves the migrated directory as a tarball; a later start on an empty directory
// unpacks it instead (PGlite's loadDataDir), which skips both. The tarball holds no account and no secret (it is
// taken before anyone signs up and before the JWT secret is generated), and its name is a hash of everything
// that shapes it, so a new migration, system template or PGlite version makes a new one.

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

let key: string | undefined;
/** Hash of the PGlite version, every migration file and the system rows a start installs. */
export function templateKey(): string {
  if (key) return key;
  const hash = createHash('sha256');
  hash.update(`pglite ${pgliteVersion()}\n`);
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (!fs.statSync(full).isFile()) continue;
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(full));
  }
  hash.update(JSON.stringify(SYSTEM_TEMPLATES));
  hash.update(JSON.stringify(OFFLINE_MODEL));
  key = hash.digest('hex').slice(0, 16);
  return key;
}

function templateFile(dir: string): string {
  return path.join(dir, `pglite-migrated-${templateKey()}.tar`);
}

/** The cached migrated data directory, or null when there is none yet (or caching is off). */
export function readTemplate(): Blob | null {
  const dir = templateCacheDir();
  if (!dir) return null;
  try {
    return new Blob([fs.readFileSync(templateFile(dir))]);
  } catch {
    return null;
  }
}

/**
 * Saves a just-migrated PGlite database as the template (once per machine and schema). Written to a temporary
 * name and renamed, so two first starts at once never leave half a tarball. A cache that cannot be written only
 * costs the next empty start its seconds.
 */
export async function saveTemplate(pglite: PGlite, log?: (line: string) => void): Promise<void> {
  const dir = templateCacheDir();
  if (!dir) return;
  const file = templateFile(dir);
  if (fs.existsSync(file)) return;
  try {
    // Everything on disk, so the tarball needs no recovery when it is unpacked.
    await pglite.exec('CHECKPOINT');
    const tar = await pglite.dumpDataDir('none');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, Buffer.from(await tar.arrayBuffer()), { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch (error) {
    log?.(
      `Could not cache the migrated database in ${dir} (${(error as Error).message}); the next new one migrates again`,
    );
  }
}
