/**
 * Time ranges as dashboards, URLs and sharing links write them: each end is an ISO-8601 time or a relative
 * expression (Grafana's syntax, which dashboard users already know): `now`, `now-7d`, `now-1M/M`, `now/y`.
 * `/unit` rounds down to the start of that unit in the range's time zone (the viewer's profile time zone), so
 * "this year" is `now/y` to `now` wherever the viewer is. Zod-free: the server, the client and the elements
 * resolve them with this one function.
 */

/** A range as stored or sent: ends are ISO-8601 times, epoch ms, or relative expressions. */
export interface TimeRangeSpec {
  from?: string | number;
  to?: string | number;
  /** IANA time zone for rounding (`now/d`); default UTC. */
  timezone?: string;
}

export interface TimeRangePreset {
  id: string;
  label: string;
  from: string;
  to: string;
}

/** The presets `<ocp-time-range>` offers (the list, plus the short ones people reach for). */
export const TIME_RANGE_PRESETS: readonly TimeRangePreset[] = [
  { id: '1h', label: 'Last hour', from: 'now-1h', to: 'now' },
  { id: '24h', label: 'Last 24 hours', from: 'now-24h', to: 'now' },
  { id: '7d', label: 'Last 7 days', from: 'now-7d', to: 'now' },
  { id: '30d', label: 'Last 30 days', from: 'now-30d', to: 'now' },
  { id: '90d', label: 'Last 90 days', from: 'now-90d', to: 'now' },
  { id: 'today', label: 'Today', from: 'now/d', to: 'now' },
  { id: 'month', label: 'This month', from: 'now/M', to: 'now' },
  { id: 'year', label: 'This year', from: 'now/y', to: 'now' },
];

const RELATIVE = /^now(?:([+-])(\d{1,6})([smhdwMy]))?(?:\/([smhdwMy]))?$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function isRelativeTime(value: unknown): value is string {
  return typeof value === 'string' && RELATIVE.test(value.trim());
}

/** Wall-clock parts of `ms` in `timeZone`. */
function wallParts(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return {
    y: Number(get('year')),
    mo: Number(get('month')) - 1,
    d: Number(get('day')),
    h: Number(get('hour')),
    mi: Number(get('minute')),
    s: Number(get('second')),
    weekday,
  };
}

/** The UTC instant at which `timeZone`'s wall clock shows the given parts (the later one across a DST gap). */
function fromWall(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): number {
  const guess = Date.UTC(y, mo, d, h, mi, s);
  const offset = (at: number) => {
    const p = wallParts(at, timeZone);
    return Date.UTC(p.y, p.mo, p.d, p.h, p.mi, p.s) - at;
  };
  let at = guess - offset(guess);
  at = guess - offset(at);
  return at;
}

/** Adds `n` months or years on the wall clock (calendar units have no fixed length). */
function addCalendar(ms: number, n: number, unit: 'M' | 'y', timeZone: string): number {
  const p = wallParts(ms, timeZone);
  const months = unit === 'y' ? n * 12 : n;
  return fromWall(p.y, p.mo + months, p.d, p.h, p.mi, p.s, timeZone);
}

function roundDown(ms: number, unit: string, timeZone: string): number {
  const p = wallParts(ms, timeZone);
  switch (unit) {
    case 's':
      return Math.floor(ms / 1000) * 1000;
    case 'm':
      return fromWall(p.y, p.mo, p.d, p.h, p.mi, 0, timeZone);
    case 'h':
      return fromWall(p.y, p.mo, p.d, p.h, 0, 0, timeZone);
    case 'd':
      return fromWall(p.y, p.mo, p.d, 0, 0, 0, timeZone);
    case 'w':
      return fromWall(p.y, p.mo, p.d - p.weekday, 0, 0, 0, timeZone); // weeks start on Monday
    case 'M':
      return fromWall(p.y, p.mo, 1, 0, 0, 0, timeZone);
    default:
      return fromWall(p.y, 0, 1, 0, 0, 0, timeZone);
  }
}

/**
 * One end of a range as epoch ms: a relative expression against `now`, else an ISO-8601 time (without an offset:
 * UTC) or epoch ms. NaN when it is none of these (or the time zone is unknown).
 */
export function resolveTimeExpr(value: string | number, now: number, timeZone = 'UTC'): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  const m = RELATIVE.exec(text);
  if (!m) {
    const local = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
    return Date.parse(local ? `${text.replace(' ', 'T')}Z` : text);
  }
  try {
    let at = now;
    const [, sign, amount, unit, round] = m;
    if (sign && amount && unit) {
      const n = Number(amount) * (sign === '-' ? -1 : 1);
      at = unit === 'M' || unit === 'y' ? addCalendar(at, n, unit, timeZone) : at + n * UNIT_MS[unit]!;
    }
    return round ? roundDown(at, round, timeZone) : at;
  } catch {
    return Number.NaN; // an unknown time zone
  }
}

/**
 * The range with both ends as ISO-8601 strings (relative ends resolved against `now`); ends left open stay open.
 * Throws a RangeError naming the end that is not a time.
 */
export function resolveTimeRange(range: TimeRangeSpec, now = Date.now()): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  for (const key of ['from', 'to'] as const) {
    const v = range[key];
    if (v === undefined || v === '') continue;
    const ms = resolveTimeExpr(v, now, range.timezone);
    if (Number.isNaN(ms)) throw new RangeError(`range.${key}: not a time`);
    out[key] = new Date(ms).toISOString();
  }
  return out;
}

/** A short label for a range: the preset's name, else "from → to" as written. */
export function describeTimeRange(range: TimeRangeSpec | undefined): string {
  if (!range || (range.from === undefined && range.to === undefined)) return 'All time';
  const preset = TIME_RANGE_PRESETS.find((p) => p.from === range.from && p.to === (range.to ?? 'now'));
  if (preset) return preset.label;
  const show = (v: string | number | undefined) =>
    v === undefined ? '…' : typeof v === 'number' ? new Date(v).toISOString() : v;
  return `${show(range.from)} → ${show(range.to)}`;
}
