import type { OcpDb } from './client.js';
import { migrate } from './migrate.js';
import { saveTemplate } from './pglite-template.js';
import { installSystemTemplates } from './seed/system-templates.js';

/**
 * What every start does before serving: pending migrations, then the system templates and models. A PGlite data
 * directory that initdb just built is then cached as the template the next new directory is copied from (see
 * pglite-template.ts); one unpacked from it needs no migration, so that start skips straight to the upserts.
 */
export async function prepareDatabase(handle: OcpDb, options: { log?: (line: string) => void } = {}): Promise<void> {
  await migrate(handle);
  await installSystemTemplates(handle.db);
  if (handle.pglite && handle.origin === 'initdb' && handle.location !== 'memory') {
    await saveTemplate(handle.pglite, handle.location, 'migrated', options.log);
  }
}
