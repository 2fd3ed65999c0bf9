/**
 * Live data mostly grows at the end. When a new set of traces is the drawn one plus points appended to every trace
 * (the same keys, the same values elsewhere, each data array the old one followed by the same number of new items),
 * the chart hands Plotly.extendTraces just the new points and skips `react`'s diff of the whole figure. Plotly itself
 * then concatenates the arrays and calls `redraw`, which recalculates and redraws every trace and the axes
 * (plot_api.js: extendTraces → redraw → `gd.calcdata = undefined; _doPlot`), so an append still costs about a full
 * drawing: docs/performance.md says why no Plotly call draws only the new points.
 */
export interface Appended {
  /** `{ x: [tail of trace 0, tail of trace 1, …], y: […] }`, as Plotly.extendTraces takes it. */
  update: Record<string, unknown[][]>;
  indices: number[];
}

type Trace = Record<string, unknown>;

/** The points `next` appends to `drawn`, or null when it differs in any other way (or appends nothing). */
export function appendedPoints(drawn: readonly Trace[], next: readonly Trace[]): Appended | null {
  if (drawn.length !== next.length || next.length === 0) return null;
  const update: Record<string, unknown[][]> = {};
  let arrayKeys: string | undefined;
  let grew = false;
  for (let i = 0; i < next.length; i++) {
    const a = drawn[i]!;
    const b = next[i]!;
    const keys = Object.keys(b);
    if (keys.length !== Object.keys(a).length) return null;
    const arrays: string[] = [];
    let added = -1;
    for (const k of keys) {
      const va = a[k];
      const vb = b[k];
      if (Array.isArray(vb)) {
        if (!Array.isArray(va) || vb.length < va.length) return null;
        for (let j = 0; j < va.length; j++) if (va[j] !== vb[j]) return null;
        const n = vb.length - va.length;
        if (added !== -1 && added !== n) return null;
        added = n;
        arrays.push(k);
        const tails = update[k] ?? [];
        tails[i] = vb.slice(va.length);
        update[k] = tails;
      } else if (va !== vb && JSON.stringify(va) !== JSON.stringify(vb)) return null;
    }
    // extendTraces takes one array per key for every trace: every trace must have the same data keys.
    const signature = arrays.join(',');
    if (arrayKeys !== undefined && arrayKeys !== signature) return null;
    arrayKeys = signature;
    if (added > 0) grew = true;
  }
  if (!grew || !arrayKeys) return null;
  return { update, indices: next.map((_, i) => i) };
}

/**
 * Every trace with only its last `max` points: each top-level array longer than that is cut from the start (what
 * Plotly.extendTraces does with its `maxPoints`, so a window drawn either way is the same). Traces within it are
 * returned as they are.
 */
export function lastPoints<T extends Trace>(traces: readonly T[], max: number): T[] {
  return traces.map((trace) => {
    let out: T | undefined;
    for (const [k, v] of Object.entries(trace)) {
      if (!Array.isArray(v) || v.length <= max) continue;
      out ??= { ...trace };
      (out as Trace)[k] = v.slice(v.length - max);
    }
    return out ?? trace;
  });
}
