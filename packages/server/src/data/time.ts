import type { Cell, TimeBucket } from '@ocp/contract';

/**
 * A cell as a point in time (epoch ms): numbers are taken as they are, strings are parsed as ISO-8601
 * (a date-time without an offset is read as UTC, not as the server's local time). NaN when it is neither.
 */
export function toMillis(value: Cell | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.length === 0) return Number.NaN;
  return parseTime(value);
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** ISO-8601 date or date-time; without an offset, UTC. */
export function parseTime(text: string): number {
  const s = text.trim();
  return Date.parse(LOCAL_DATE_TIME.test(s) ? `${s.replace(' ', 'T')}Z` : s);
}

const MINUTE = 60_000;
const FIXED: Partial<Record<TimeBucket, number>> = {
  minute: MINUTE,
  '15min': 15 * MINUTE,
  hour: 60 * MINUTE,
  day: 1440 * MINUTE,
};
// 1970-01-05 was a Monday: week buckets start on Monday, 00:00 UTC.
const MONDAY = 4 * 1440 * MINUTE;

/** The start (epoch ms, UTC) of the bucket containing `ms`. */
export function bucketStart(ms: number, every: TimeBucket): number {
  const size = FIXED[every];
  if (size) return Math.floor(ms / size) * size;
  if (every === 'week') {
    const week = 7 * 1440 * MINUTE;
    return Math.floor((ms - MONDAY) / week) * week + MONDAY;
  }
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
