/**
 * What the triggers of migration 0017 send on the live-event channel when a row that a warm read depends on changes
 * (ids only): a dashboard's document, owner or visibility (`d`); a user's account, token generation, signed-out
 * tokens or memberships (`u`); a team's memberships (`t`); or everything (`all`: a TRUNCATE, or this process may
 * have missed notifications).
 */
export type CacheNotice = { d: string } | { u: string } | { t: string } | 'all';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The notice in a parsed payload `{ cache: … }`, or null when the payload is something else. */
export function cacheNoticeOf(payload: unknown): CacheNotice | null {
  if (typeof payload !== 'object' || payload === null || !('cache' in payload)) return null;
  const notice = (payload as { cache: unknown }).cache;
  if (notice === 'all') return 'all';
  if (typeof notice !== 'object' || notice === null) return null;
  const [key, value] = Object.entries(notice)[0] ?? [];
  if ((key === 'd' || key === 'u' || key === 't') && typeof value === 'string' && ID.test(value)) {
    return { [key]: value } as CacheNotice;
  }
  return null;
}
