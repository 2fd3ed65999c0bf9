import { bytesText, countText, isQuick, ratioText, rounds, Suite } from '@ocp/bench-kit';
import { buildTraces, type ChartData, type Columns, type Mapping } from '@ocp/contract';
import { type DownsampleMethod, lttb, minMaxLttb, selectRows } from '../src/data/downsample.js';
import { POINTS_PER_PIXEL } from '../src/data/engine.js';
import { pickRows } from '../src/data/transforms.js';

const WIDTH = 1_000;

/** `points` 1-second readings: daily cycle, noise, and a few spikes (epoch ms x, like a meter export). */
function series(points: number): Columns {
  let s = 42;
  const rand = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const t = new Array<number>(points);
  const v = new Array<number>(points);
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < points; i++) {
    t[i] = start + i * 1000;
    const spike = rand() < 0.0001 ? (rand() - 0.5) * 400 : 0;
    v[i] = Math.round((100 + 60 * Math.sin((2 * Math.PI * i) / 86_400) + (rand() - 0.5) * 20 + spike) * 1000) / 1000;
  }
  return { t, v };
}

/** What the server does after reading the source: choose rows, build the traces, serialise the answer. */
function respond(columns: Columns, mapping: Mapping, method: DownsampleMethod | 'none', points: number): string {
  let out = columns;
  if (method !== 'none') {
    const rows = selectRows(columns, mapping, WIDTH * POINTS_PER_PIXEL, method);
    if (rows) out = pickRows(columns, rows);
  }
  const data: ChartData = {
    traces: buildTraces({ data: [{ type: 'scattergl', mode: 'lines' }] }, out, mapping),
    meta: { sourcePoints: points, returnedPoints: out.t!.length, downsampled: method !== 'none' },
  };
  return JSON.stringify(data);
}

export async function run(): Promise<void> {
  const quick = isQuick();
  const points = quick ? 100_000 : 1_000_000;
  const target = WIDTH * POINTS_PER_PIXEL;
  const suite = new Suite({
    suite: 'downsample',
    title: `a ${countText(points)}-point series to ${countText(WIDTH)} px`,
    description:
      `What the server does with a ${countText(points)}-point series after reading it, for a ${countText(WIDTH)} px ` +
      `chart (${countText(target)} points): choose the rows (MinMaxLTTB, or plain LTTB), build the traces and ` +
      'serialise the answer, against serialising every point; and the two algorithms alone on typed arrays. ' +
      'The three responses take turns, and so do the two algorithms.',
    params: { points, width: WIDTH, targetPoints: target },
  });
  const columns = series(points);
  const mapping: Mapping = { x: 't', y: ['v'] };
  const values = columns.v as number[];
  const globalMax = values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const methods = ['none', 'lttb', 'minmaxlttb'] as const;
  for (const method of methods) {
    const payload = respond(columns, mapping, method, points);
    const y = (JSON.parse(payload) as ChartData).traces[0]!.y as number[];
    suite.metric({
      id: `${method}.bytes`,
      label: `payload, ${method}`,
      unit: 'bytes',
      samples: [Buffer.byteLength(payload)],
    });
    suite.note(
      `${method}: ${countText(y.length)} points returned; global maximum kept: ${y.some((v) => v === globalMax)}`,
    );
  }
  const responses = await rounds(
    quick ? 2 : 7,
    Object.fromEntries(methods.map((m) => [m, () => void respond(columns, mapping, m, points)])) as Record<
      (typeof methods)[number],
      () => void
    >,
    { warmup: 1 },
  );
  for (const m of methods)
    suite.metric({ id: `${m}.response`, label: `response, ${m}`, unit: 'ms', samples: responses[m] });
  // The algorithms alone, on typed arrays (no cell conversion): what MinMaxLTTB's linear preselection buys.
  const x = Float64Array.from(columns.t as number[]);
  const y = Float64Array.from(values);
  const algorithms = await rounds(
    quick ? 3 : 15,
    { lttb: () => void lttb(x, y, target), minmaxlttb: () => void minMaxLttb(x, y, target) },
    { warmup: 2 },
  );
  suite.metric({ id: 'lttb.algorithm', label: 'algorithm alone, lttb', unit: 'ms', samples: algorithms.lttb });
  suite.metric({
    id: 'minmaxlttb.algorithm',
    label: 'algorithm alone, minmaxlttb',
    unit: 'ms',
    samples: algorithms.minmaxlttb,
  });

  const response = suite.ratio({
    id: 'minmaxlttb-vs-none',
    label: `${countText(points)} points to ${countText(WIDTH)} px: MinMaxLTTB response ÷ every point`,
    ours: 'minmaxlttb.response',
    baseline: 'none.response',
    headline: true,
  });
  const lttbResponse = suite.ratio({
    id: 'lttb-vs-none',
    label: 'LTTB response ÷ every point',
    ours: 'lttb.response',
    baseline: 'none.response',
  });
  const vsLttb = suite.ratio({
    id: 'minmaxlttb-vs-lttb',
    label: 'MinMaxLTTB response ÷ LTTB response',
    ours: 'minmaxlttb.response',
    baseline: 'lttb.response',
  });
  const algorithm = suite.ratio({
    id: 'algorithm',
    label: 'MinMaxLTTB algorithm ÷ LTTB algorithm (typed arrays)',
    ours: 'minmaxlttb.algorithm',
    baseline: 'lttb.algorithm',
  });
  const bytes = suite.ratio({
    id: 'bytes',
    label: 'MinMaxLTTB payload ÷ every point (bytes)',
    ours: 'minmaxlttb.bytes',
    baseline: 'none.bytes',
  });
  suite
    .quote('points', countText(points))
    .quote('width', countText(WIDTH))
    .quote('none-bytes', bytesText(suite.metricMedian('none.bytes')))
    .quote('minmaxlttb-bytes', bytesText(suite.metricMedian('minmaxlttb.bytes')))
    .quote('bytes-ratio', ratioText(bytes.stats.median))
    .quote('response-ratio', ratioText(response.stats.median))
    .quote('lttb-response-ratio', ratioText(lttbResponse.stats.median))
    .quote('vs-lttb-response', ratioText(vsLttb.stats.median))
    .quote('algorithm-ratio', ratioText(algorithm.stats.median));
  suite.save();
}
