import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDb, type TestDb, testTarget } from '@ocp/db/testing';
import type { NotifyHook } from '@ocp/server';
import { type RunningHost, startHost } from '../../../server/boot.js';
import { buildApp } from '../../../server/build.js';

export interface TestHost {
  url: string;
  host: RunningHost;
  close(): Promise<void>;
}

/**
 * The real host (API + built app + /embed) on an ephemeral loopback port, on a fresh database of the current target:
 * PGlite in a temporary directory, or a throwaway PostgreSQL database (OCP_TEST_TARGET=postgres). The app is built
 * first when dist/ is stale (the package's test script already did that, so this is normally a no-op).
 */
export async function startTestHost(
  options: {
    demo?: boolean;
    demoPassword?: string;
    notify?: NotifyHook;
    corsOrigins?: string[];
    publicUrl?: string;
  } = {},
): Promise<TestHost> {
  await buildApp();
  let scratch: TestDb | undefined;
  let dataDir: string | undefined;
  if (testTarget() === 'postgres') {
    scratch = await createScratchDb();
    process.env.DATABASE_URL = scratch.url!;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-e2e-'));
    process.env.OCP_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  }
  if (options.demoPassword) process.env.OCP_DEMO_PASSWORD = options.demoPassword;
  const host = await startHost({
    port: 0,
    demo: options.demo ?? false,
    corsOrigins: options.corsOrigins,
    publicUrl: options.publicUrl,
    notify: options.notify,
    log: () => {},
  });
  return {
    url: host.url,
    host,
    async close() {
      await host.close();
      await scratch?.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
