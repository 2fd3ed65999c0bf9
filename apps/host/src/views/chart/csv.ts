import type { Cell, Columns } from '@ocp/contract';

/**
 * Columnar data from small CSV text typed in the chart editor (header row, comma separated, double quotes for
 * values with commas). Numbers become numbers, empty cells null. Big files go through dataset import instead.
 */
export function csvToColumns(text: string): Columns {
  const rows = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(splitLine);
  const [header, ...body] = rows;
  if (!header) return {};
  const columns: Columns = {};
  header.forEach((name, i) => {
    const key = name.trim() || `column${i + 1}`;
    columns[key] = body.map((r) => parseCell(r[i]));
  });
  return columns;
}

/** The inverse, for showing a chart's inline data in the editor. */
export function columnsToCsv(columns: Columns): string {
  const names = Object.keys(columns);
  const length = Math.max(0, ...names.map((n) => columns[n]!.length));
  const quote = (v: Cell | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [names.map((n) => quote(n)).join(',')];
  for (let i = 0; i < length; i++) lines.push(names.map((n) => quote(columns[n]![i])).join(','));
  return lines.join('\n');
}

/** The fields of one CSV line. */
export function splitLine(line: string): string[] {
  const out: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(value);
      value = '';
    } else value += c;
  }
  out.push(value);
  return out;
}

/** A typed cell from its text: numbers become numbers, empty text null. */
export function parseCell(raw: string | undefined): Cell {
  const v = (raw ?? '').trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && /^[-+]?(\d|\.\d)/.test(v) ? n : v;
}

/** CSV text as a table of text cells, header order kept (an object would list integer-like names such as "2024" first). */
export function csvToTable(text: string): { names: string[]; rows: string[][] } {
  const [header, ...body] = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(splitLine);
  if (!header) return { names: [], rows: [] };
  const names = header.map((name, i) => name.trim() || `column${i + 1}`);
  return { names, rows: body.map((r) => names.map((_, i) => (r[i] ?? '').trim())) };
}

/** The inverse of csvToTable. */
export function tableToCsv(names: string[], rows: string[][]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [names, ...rows].map((r) => r.map((v) => quote(v ?? '')).join(',')).join('\n');
}
