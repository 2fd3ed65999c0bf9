import { ratioText } from '../format.js';
import type { SuiteResult } from '../result.js';

/**
 * The headline ratios as one SVG image: a bar per ratio from the baseline (×1) to the median, on a log scale,
 * the min–max spread as a whisker and the target (when there is one) as a tick. Plain SVG text, no dependency.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function ratioChart(results: readonly SuiteResult[]): string {
  const rows = results.flatMap((suite) =>
    suite.ratios.filter((r) => r.headline).map((r) => ({ suite: suite.suite, ...r })),
  );
  const labels = rows.map((r) => {
    const label = `${r.label} ${r.better === 'lower' ? '↓' : '↑'}`;
    return label.length > 80 ? `${label.slice(0, 78)}…` : label;
  });
  // About 6.5 px per character of 12 px system-ui: room for the longest label.
  const labelWidth = Math.round(Math.max(200, Math.max(0, ...labels.map((l) => l.length)) * 6.5 + 24));
  const plotWidth = 440;
  const rowHeight = 26;
  const top = 52;
  const width = labelWidth + plotWidth + 70;
  const height = top + rows.length * rowHeight + 40;
  const values = rows.flatMap((r) => [r.stats.p25, r.stats.p75, r.stats.median, r.target?.value ?? 1]);
  const lo = Math.min(-1, Math.floor(Math.log10(Math.max(1e-6, Math.min(...values, 1)))));
  const hi = Math.max(1, Math.ceil(Math.log10(Math.max(...values, 1))));
  const x = (v: number) =>
    Math.round((labelWidth + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * plotWidth) * 10) / 10;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<title id="title">Ours ÷ baseline for each headline benchmark, same run, log scale</title>`,
    `<desc>${esc(rows.map((r) => `${r.label}: ${ratioText(r.stats.median)}${r.target ? (r.met ? ', target met' : ', target missed') : ''}`).join('; '))}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="600" fill="#1f2328">Ours ÷ baseline, same run (median of rounds, interquartile whisker; log scale)</text>`,
    `<text x="12" y="38" fill="#57606a">↓ lower is better, ↑ higher is better. Green: target met; orange: missed; grey: no target. ▼ marks the target.</text>`,
  ];
  for (let p = lo; p <= hi; p++) {
    const gx = x(10 ** p);
    out.push(
      `<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${top + rows.length * rowHeight}" stroke="${p === 0 ? '#57606a' : '#d0d7de'}" stroke-width="${p === 0 ? 1.5 : 1}"/>`,
      `<text x="${gx}" y="${top + rows.length * rowHeight + 16}" text-anchor="middle" fill="#57606a">×${Number((10 ** p).toPrecision(1))}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const mid = y + rowHeight / 2;
    const color = r.target ? (r.met ? '#2da44e' : '#d1701f') : '#8c959f';
    const shown = labels[i]!;
    const x1 = x(Math.min(1, r.stats.median));
    const x2 = x(Math.max(1, r.stats.median));
    out.push(
      `<text x="${labelWidth - 8}" y="${mid + 4}" text-anchor="end" fill="#1f2328"><title>${esc(`${r.suite}: ${r.label}`)}</title>${esc(shown)}</text>`,
      `<rect x="${x1}" y="${y + 6}" width="${Math.max(1, x2 - x1)}" height="${rowHeight - 12}" fill="${color}" rx="2"/>`,
      `<line x1="${x(r.stats.p25)}" y1="${mid}" x2="${x(r.stats.p75)}" y2="${mid}" stroke="#1f2328" stroke-width="1"/>`,
      `<line x1="${x(r.stats.p25)}" y1="${mid - 4}" x2="${x(r.stats.p25)}" y2="${mid + 4}" stroke="#1f2328"/>`,
      `<line x1="${x(r.stats.p75)}" y1="${mid - 4}" x2="${x(r.stats.p75)}" y2="${mid + 4}" stroke="#1f2328"/>`,
      `<text x="${Math.max(x(r.stats.p75), x2) + 6}" y="${mid + 4}" fill="#1f2328">${esc(ratioText(r.stats.median))}</text>`,
    );
    if (r.target) {
      const tx = x(r.target.value);
      out.push(`<path d="M${tx - 5},${y + 1} L${tx + 5},${y + 1} L${tx},${y + 8} Z" fill="#cf222e"/>`);
    }
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
