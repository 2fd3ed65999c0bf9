/** How the agent reads names: column names, titles and slot keys compared word by word, case and plural aside. */

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'my',
  'our',
  'total',
  'sum',
  'average',
  'avg',
  'mean',
  'number',
  'count',
  'max',
  'maximum',
  'min',
  'minimum',
  'peak',
  'each',
  'per',
  'chart',
  'data',
  'and',
  'by',
  'for',
  'from',
  'in',
  'on',
]);

/** "capacityKw" → ["capacity", "kw"]; "Site_Name" → ["site", "name"]. */
export const words = (s: string): string[] =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export const singular = (w: string): string =>
  w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;

/** The words of a phrase that carry meaning. */
export const meaningful = (phrase: string): string[] =>
  words(phrase)
    .filter((w) => !STOP.has(w))
    .map(singular);

/** How well a name matches a phrase (0: not at all; 100: the same words). Every meaningful word must match. */
export function score(name: string, phrase: string): number {
  const want = meaningful(phrase);
  const have = words(name).map(singular);
  if (want.length === 0) return 0;
  if (want.join('') === have.join('')) return 100;
  let s = 0;
  for (const w of want) {
    if (have.includes(w)) s += 10;
    else if (have.some((h) => h.length > 2 && (h.startsWith(w) || w.startsWith(h)))) s += 5;
    else return 0;
  }
  return s;
}

/** Words of the phrase found in the name (a looser match, for titles). */
export function overlap(name: string, phrase: string): number {
  const have = new Set(words(name).map(singular));
  return meaningful(phrase).filter((w) => have.has(w)).length;
}

/** "Top left", "top-left", "TopLeft" → "topleft". */
export const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One line, trimmed, bounded, without surrounding quotes or a final full stop. */
export const clean = (s: string, max = 80): string =>
  s
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^["“'‘]+|["”'’]+$/g, '')
    .replace(/[.!?]+$/, '')
    .trim()
    .slice(0, max);

/** A slot key as people say it: "bottom-left" → "bottom left", "kpi-1" → "KPI 1". */
export const slotLabel = (key: string): string =>
  key
    .split(/[-_]/)
    .map((w) => (w.length <= 3 && /^[a-z]+$/.test(w) && w !== 'top' ? w.toUpperCase() : w))
    .join(' ');

/** A title in quotes, one line and bounded: workspace text shown back to the user. */
export const quote = (title: string): string => {
  const line = title.replace(/\s+/g, ' ').trim();
  return `“${line.length > 80 ? `${line.slice(0, 79)}…` : line}”`;
};
