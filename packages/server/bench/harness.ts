import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where every package's benchmarks write: bench/results/ at the repository root. */
export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench/results');

export interface Measured {
  medianMs: number;
  minMs: number;
  maxMs: number;
  iterations: number;
}

/** A tiny harness: `warmup` untimed runs, then `iterations` timed runs; the median is the number to quote. */
export function measure(fn: () => unknown, { warmup = 2, iterations = 9 } = {}): Measured {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: round(times[Math.floor(times.length / 2)]!),
    minMs: round(times[0]!),
    maxMs: round(times.at(-1)!),
    iterations,
  };
}

/** The same for async work (database round trips): runs are sequential, never overlapping. */
export async function measureAsync(
  fn: () => Promise<unknown>,
  { warmup = 3, iterations = 30 } = {},
): Promise<Measured> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: round(times[Math.floor(times.length / 2)]!),
    minMs: round(times[0]!),
    maxMs: round(times.at(-1)!),
    iterations,
  };
}

export const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

export function writeResult(name: string, result: Record<string, unknown>): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' };
  fs.writeFileSync(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine, ...result }, null, 2)}\n`);
  return file;
}

function postgresReachable(): Promise<boolean> {
  const url = new URL(process.env.OCP_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres');
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(socket.destroy() && false));
  });
}

/**
 * Runs a database benchmark on embedded PGlite, then on PostgreSQL when the server at OCP_TEST_PG_URL answers
 * (createTestDb() picks the target from OCP_TEST_TARGET; each run gets its own throwaway database).
 */
export async function onEachDatabase<T>(fn: (kind: 'pglite' | 'postgres') => Promise<T>): Promise<Record<string, T>> {
  const previous = process.env.OCP_TEST_TARGET;
  const results: Record<string, T> = {};
  try {
    for (const kind of ['pglite', 'postgres'] as const) {
      if (kind === 'postgres' && !(await postgresReachable())) {
        console.log('  postgres: not reachable, skipped');
        continue;
      }
      process.env.OCP_TEST_TARGET = kind;
      results[kind] = await fn(kind);
    }
  } finally {
    if (previous === undefined) delete process.env.OCP_TEST_TARGET;
    else process.env.OCP_TEST_TARGET = previous;
  }
  return results;
}
