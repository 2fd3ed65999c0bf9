import { buildTraces, type ChartData, type Columns, type Mapping } from '@ocp/contract';
import { type DownsampleMethod, lttb, minMaxLttb, selectRows } from '../src/data/downsample.js';
import { POINTS_PER_PIXEL } from '../src/data/engine.js';
import { pickRows } from '../src/data/transforms.js';
import { measure, round, writeResult } from './harness.js';

const POINTS = 1_000_000;
const WIDTH = 1_000;

/** One million 1-second readings: daily cycle, noise, and a few spikes (epoch ms x, like a meter export). */
function series(): Columns {
  let s = 42;
  const rand = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const t = new Array<number>(POINTS);
  const v = new Array<number>(POINTS);
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < POINTS; i++) {
    t[i] = start + i * 1000;
    const spike = rand() < 0.0001 ? (rand() - 0.5) * 400 : 0;
    v[i] = round(100 + 60 * Math.sin((2 * Math.PI * i) / 86_400) + (rand() - 0.5) * 20 + spike, 3);
  }
  return { t, v };
}

/** What the server does after reading the source: choose rows, build the traces, serialise the answer. */
function respond(columns: Columns, mapping: Mapping, method: DownsampleMethod | 'none'): string {
  let out = columns;
  if (method !== 'none') {
    const rows = selectRows(columns, mapping, WIDTH * POINTS_PER_PIXEL, method);
    if (rows) out = pickRows(columns, rows);
  }
  const data: ChartData = {
    traces: buildTraces({ data: [{ type: 'scattergl', mode: 'lines' }] }, out, mapping),
    meta: { sourcePoints: POINTS, returnedPoints: out.t!.length, downsampled: method !== 'none' },
  };
  return JSON.stringify(data);
}

export async function run(): Promise<void> {
  const columns = series();
  const mapping: Mapping = { x: 't', y: ['v'] };
  const values = columns.v as number[];
  const globalMax = values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const methods = ['none', 'lttb', 'minmaxlttb'] as const;
  const results = methods.map((method) => {
    const payload = respond(columns, mapping, method);
    const parsed = JSON.parse(payload) as ChartData;
    const y = parsed.traces[0]!.y as number[];
    const total = measure(() => respond(columns, mapping, method), {
      warmup: 1,
      iterations: method === 'none' ? 5 : 9,
    });
    const select =
      method === 'none'
        ? null
        : measure(() => selectRows(columns, mapping, WIDTH * POINTS_PER_PIXEL, method), { iterations: 9 });
    return {
      method,
      returnedPoints: y.length,
      payloadBytes: Buffer.byteLength(payload),
      keepsGlobalMax: y.some((v) => v === globalMax),
      responseMs: total,
      downsampleMs: select,
    };
  });
  // The algorithms alone, on typed arrays (no cell conversion): what MinMaxLTTB's linear preselection buys.
  const x = Float64Array.from(columns.t as number[]);
  const y = Float64Array.from(values);
  const target = WIDTH * POINTS_PER_PIXEL;
  const algorithmMs = {
    lttb: measure(() => lttb(x, y, target), { iterations: 15 }),
    minmaxlttb: measure(() => minMaxLttb(x, y, target), { iterations: 15 }),
  };
  const base = results[0]!;
  const ratios = Object.fromEntries(
    results.slice(1).map((r) => [
      r.method,
      {
        timeVsNone: round(r.responseMs.medianMs / base.responseMs.medianMs, 4),
        bytesVsNone: round(r.payloadBytes / base.payloadBytes, 5),
        algorithmTimeVsLttb: round(
          algorithmMs[r.method as keyof typeof algorithmMs].medianMs / algorithmMs.lttb.medianMs,
          3,
        ),
      },
    ]),
  );
  const file = writeResult('downsample', {
    scenario: `${POINTS.toLocaleString('en')}-point series to ${WIDTH} px (target ${WIDTH * POINTS_PER_PIXEL} points)`,
    baseline: 'none (every point serialised), measured in the same run',
    results,
    algorithmMs,
    ratios,
  });
  console.log(`1M points → ${WIDTH} px (medians; ratios against no downsampling, same run)`);
  for (const r of results) {
    const ratio = ratios[r.method] as { timeVsNone: number; bytesVsNone: number } | undefined;
    console.log(
      `  ${r.method.padEnd(11)} ${String(r.returnedPoints).padStart(8)} pts  ${(r.payloadBytes / 1e6).toFixed(3).padStart(8)} MB  ` +
        `response ${r.responseMs.medianMs.toFixed(1).padStart(7)} ms` +
        (r.downsampleMs ? `  (downsample ${r.downsampleMs.medianMs.toFixed(1)} ms)` : '') +
        (ratio ? `  time ×${ratio.timeVsNone}  bytes ×${ratio.bytesVsNone}` : '  (baseline)') +
        `  global max kept: ${r.keepsGlobalMax}`,
    );
  }
  console.log(
    `  algorithm alone: lttb ${algorithmMs.lttb.medianMs} ms, minmaxlttb ${algorithmMs.minmaxlttb.medianMs} ms ` +
      `(×${ratios.minmaxlttb!.algorithmTimeVsLttb} of LTTB)`,
  );
  console.log(`  written to ${file}`);
}
