/** How numbers are written, in the console and in the docs alike (so a quote reads the same in both). */

export type Unit = 'ms' | 's' | 'req/s' | 'bytes' | 'MB' | 'count' | 'ratio';

const grouped = (v: number, digits = 0) =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Two significant digits below 0.1 (×0.028), two decimals up to 10 (×1.08), one above (×24.1). */
export function ratioText(v: number): string {
  if (v === 0) return '×0';
  if (v < 0.1) return `×${Number(v.toPrecision(2))}`;
  if (v < 10) return `×${v.toFixed(2)}`;
  return `×${grouped(v, 1)}`;
}

/** 1000-based, as file sizes are usually quoted: 43 KB, 21.4 MB. */
export function bytesText(v: number): string {
  if (v < 1000) return `${Math.round(v)} B`;
  if (v < 1e6) return `${grouped(v / 1e3, v < 1e4 ? 1 : 0)} KB`;
  if (v < 1e9) return `${grouped(v / 1e6, v < 1e8 ? 1 : 0)} MB`;
  return `${grouped(v / 1e9, 1)} GB`;
}

export function msText(v: number): string {
  if (v >= 10_000) return `${grouped(v / 1000, 1)} s`;
  if (v >= 100) return `${grouped(v)} ms`;
  if (v >= 10) return `${grouped(v, 1)} ms`;
  return `${grouped(v, 2)} ms`;
}

export function valueText(v: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return msText(v);
    case 's':
      return `${grouped(v, v < 10 ? 1 : 0)} s`;
    case 'req/s':
      return `${grouped(v)} req/s`;
    case 'bytes':
      return bytesText(v);
    case 'MB':
      return `${grouped(v, v < 10 ? 1 : 0)} MB`;
    case 'count':
      return grouped(v, Number.isInteger(v) ? 0 : 1);
    case 'ratio':
      return ratioText(v);
  }
}

/** "1,000,000" */
export const countText = (v: number) => grouped(v);
