import fs from 'node:fs';
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

export const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

export function writeResult(name: string, result: Record<string, unknown>): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' };
  fs.writeFileSync(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine, ...result }, null, 2)}\n`);
  return file;
}
