import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isQuick } from './args.js';
import { ratioText, type Unit, valueText } from './format.js';
import { repoRoot, resultsDir } from './paths.js';
import { ratioSpread, type Spread, summarize } from './stats.js';

/** One measured quantity: every sample, and their median and spread. */
export interface MetricResult {
  id: string;
  label: string;
  unit: Unit;
  /** Which way is better, for the reader (and the chart). */
  better: 'lower' | 'higher';
  samples: number[];
  stats: Spread;
}

/** A goal stated for a ratio, e.g. issue 17's "≥ 0.7× the req/s of a bare node:http handler". */
export interface Target {
  op: '<=' | '>=';
  value: number;
  /** Where the goal comes from (an issue, a spec section). */
  source: string;
}

/** ours ÷ baseline, both measured in the same run. */
export interface RatioResult {
  id: string;
  label: string;
  ours: string;
  baseline: string;
  better: 'lower' | 'higher';
  stats: Spread & { paired: boolean };
  target?: Target;
  /** Whether the median meets the target (information only: numbers never fail a run). */
  met?: boolean;
  /** Shown in the table and chart of docs/benchmarks.md. */
  headline: boolean;
}

export interface SuiteResult {
  format: 1;
  suite: string;
  title: string;
  /** What is compared with what, in a sentence or two (shown in docs/benchmarks.md). */
  description: string;
  quick: boolean;
  date: string;
  commit: string;
  dirty: boolean;
  machine: Record<string, unknown>;
  /** The inputs: sizes, rounds, durations. */
  params: Record<string, unknown>;
  metrics: MetricResult[];
  ratios: RatioResult[];
  /** Formatted numbers that docs cite through `<!-- bench:suite.key -->…<!-- /bench -->` markers. */
  quotes: Record<string, string>;
  notes: string[];
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function machineInfo(): Record<string, unknown> {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

/**
 * Collects one suite's measurements, prints them (medians, spread, ratios against the same run's baseline) and
 * writes bench/results/<suite>.json. Metrics are added first; ratios name two of them.
 */
export class Suite {
  readonly quick = isQuick();
  readonly #result: SuiteResult;

  constructor(init: { suite: string; title: string; description: string; params?: Record<string, unknown> }) {
    this.#result = {
      format: 1,
      suite: init.suite,
      title: init.title,
      description: init.description,
      quick: this.quick,
      date: new Date().toISOString(),
      commit: git(['rev-parse', '--short', 'HEAD']),
      dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
      machine: machineInfo(),
      params: { ...init.params },
      metrics: [],
      ratios: [],
      quotes: {},
      notes: [],
    };
  }

  get name(): string {
    return this.#result.suite;
  }

  param(key: string, value: unknown): this {
    this.#result.params[key] = value;
    return this;
  }

  machine(key: string, value: unknown): this {
    this.#result.machine[key] = value;
    return this;
  }

  metric(m: { id: string; label: string; unit: Unit; samples: number[]; better?: 'lower' | 'higher' }): MetricResult {
    if (this.#result.metrics.some((x) => x.id === m.id)) throw new Error(`${this.name}: metric ${m.id} twice`);
    const better = m.better ?? (m.unit === 'req/s' ? 'higher' : 'lower');
    const metric = { ...m, better, samples: m.samples.map(round), stats: roundSpread(summarize(m.samples)) };
    this.#result.metrics.push(metric);
    return metric;
  }

  ratio(r: {
    id: string;
    label: string;
    ours: string;
    baseline: string;
    target?: Target;
    headline?: boolean;
  }): RatioResult {
    const ours = this.#metric(r.ours);
    const baseline = this.#metric(r.baseline);
    const stats = roundSpread(ratioSpread(ours.samples, baseline.samples));
    const met = r.target
      ? r.target.op === '<='
        ? stats.median <= r.target.value
        : stats.median >= r.target.value
      : undefined;
    const ratio: RatioResult = {
      id: r.id,
      label: r.label,
      ours: r.ours,
      baseline: r.baseline,
      better: ours.better,
      stats,
      ...(r.target ? { target: r.target, met } : {}),
      headline: r.headline ?? false,
    };
    this.#result.ratios.push(ratio);
    return ratio;
  }

  /** A formatted number for the docs (`<!-- bench:<suite>.<key> -->`). */
  quote(key: string, text: string): this {
    this.#result.quotes[key] = text;
    return this;
  }

  note(text: string): this {
    this.#result.notes.push(text);
    return this;
  }

  /** The median of a metric already added. */
  metricMedian(id: string): number {
    return this.#metric(id).stats.median;
  }

  #metric(id: string): MetricResult {
    const m = this.#result.metrics.find((x) => x.id === id);
    if (!m) throw new Error(`${this.name}: no metric ${id}`);
    return m;
  }

  /** Prints the report and writes the JSON file; returns its path. */
  save(): string {
    const r = this.#result;
    console.log(report(r));
    const dir = resultsDir(this.quick);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${r.suite}.json`);
    fs.writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
    console.log(`  written to ${path.relative(process.cwd(), file)}`);
    return file;
  }
}

const round = (v: number) => Number(v.toPrecision(6));
const roundSpread = <T extends Spread>(s: T): T => ({
  ...s,
  min: round(s.min),
  p25: round(s.p25),
  median: round(s.median),
  p75: round(s.p75),
  max: round(s.max),
});

/** The interquartile range of the ratios, round by round when paired: where the middle half of the rounds fell. */
export function spreadText(s: Spread & { paired: boolean }): string {
  return `${s.paired ? 'IQR per round' : 'IQR'} ${ratioText(s.p25)} – ${ratioText(s.p75)}`;
}

export function targetText(t: Target): string {
  return `${t.op === '<=' ? '≤' : '≥'} ${ratioText(t.value)}`;
}

/** The console report: each metric's median (min–max, n), then each ratio with its spread and target. */
export function report(r: SuiteResult): string {
  const lines = [`\n■ ${r.suite}: ${r.title}${r.quick ? ' (quick: small inputs, few rounds)' : ''}`];
  const width = Math.max(...r.metrics.map((m) => m.label.length), 10);
  for (const m of r.metrics) {
    const s = m.stats;
    lines.push(
      `  ${m.label.padEnd(width)}  ${valueText(s.median, m.unit).padStart(12)}  ` +
        `(${valueText(s.min, m.unit)} – ${valueText(s.max, m.unit)}, n=${s.n})`,
    );
  }
  for (const x of r.ratios) {
    const s = x.stats;
    const target = x.target ? `  target ${targetText(x.target)}: ${x.met ? 'met' : 'MISSED'}` : '';
    lines.push(
      `  → ${x.label}: ${ratioText(s.median)} (${spreadText(s)}; range ${ratioText(s.min)} – ${ratioText(s.max)}, n=${s.n})${target}`,
    );
  }
  for (const n of r.notes) lines.push(`  · ${n}`);
  return lines.join('\n');
}

/** Every suite's latest result in a results folder, by suite name. */
export function readResults(quick = false): SuiteResult[] {
  const dir = resultsDir(quick);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as SuiteResult)
    .filter((r) => r.format === 1);
}
