/** Bounded building blocks for every procedure input: no string, array or JSON document without a limit. */

import { z } from 'zod';
import { safeJsonObject } from '../json/safe-json.js';

export const id = z.uuid();
/** `{ id }`: the get, delete and revoke procedures of every domain. */
export const byIdInput = z.strictObject({ id });
export const title = z.string().trim().min(1).max(200);
export const description = z.string().max(5000).nullable();
export const tags = z.array(z.string().trim().min(1).max(64)).max(32);
export const searchText = z.string().trim().max(200);
export const chartType = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'letters, digits, "-" and "_"');
/** A timestamp as the API returns them; exactly that text is compared (microseconds included). */
export const timestamp = z.iso.datetime({ offset: true });
/** Emails are trimmed here and lower-cased by the services. */
export const email = z.string().trim().pipe(z.email().max(254));
// scrypt's cost grows with the input: a bound keeps a megabyte "password" from being a denial of service.
export const password = z.string().min(8).max(256);
export const limit = z.number().int().min(1).max(1000);
export const httpsUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** Settings, customizations, preferences: small free-form JSON objects. */
export const settingsJson = safeJsonObject({ maxDepth: 16, maxNodes: 10_000, maxStringLength: 10_000 });
/** Workspace item content (notes, small columnar datasets). The 1 MB body limit still applies. */
export const contentJson = safeJsonObject({ maxDepth: 32, maxNodes: 300_000, maxStringLength: 200_000 });

/** Owner of a new dashboard or chart: the caller by default, or a team; both is the owner XOR's BAD_REQUEST. */
export const owner = {
  ownerUserId: id.nullish(),
  ownerTeamId: id.nullish(),
};
export const ownerXor = (v: { ownerUserId?: string | null; ownerTeamId?: string | null }) =>
  !(v.ownerUserId && v.ownerTeamId);
export const ownerXorMessage = { message: 'Give ownerUserId or ownerTeamId, not both', path: ['ownerTeamId'] };

const timeEnd = z.union([z.string().max(64), z.number()]);
/** A time zone by its IANA name (`Europe/Paris`), as Intl knows it. */
export const timezone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone');
/** A time range: ISO-8601 times, epoch ms or relative expressions (`now-7d`, `now/y`; see time-range.ts). */
export const timeRange = z.strictObject({
  from: timeEnd.optional(),
  to: timeEnd.optional(),
  timezone: timezone.optional(),
});
const filterCell = z.union([z.number(), z.string().max(1000), z.boolean(), z.null()]);
/** A filter on one column's values (see filters.ts). */
export const dataFilter = z.strictObject({
  column: z.string().min(1).max(128),
  values: z.array(filterCell).min(1).max(500),
});
export const dataFilters = z.array(dataFilter).max(16);

/** charts.data / sharing.chartData parameters. */
export const dataParams = {
  range: timeRange.optional(),
  width: z.number().int().min(1).max(20_000).optional(),
  filters: dataFilters.optional(),
};

/** A slot by key or by id: exactly one of the two (checked with `oneSlot`). */
export const slotFields = { slotKey: z.string().min(1).max(64).optional(), slotId: id.optional() };
export const oneSlot: [(v: { slotKey?: string; slotId?: string }) => boolean, { message: string; path: string[] }] = [
  (v) => (v.slotKey === undefined) !== (v.slotId === undefined),
  { message: 'Give slotKey or slotId (exactly one)', path: ['slotKey'] },
];
export const slotRefOf = (v: { slotKey?: string; slotId?: string }) =>
  v.slotId !== undefined ? { slotId: v.slotId } : { slotKey: v.slotKey! };

/** `/Energy/Generation`: absolute, no empty, "." or ".." segments. */
export const folderPath = z
  .string()
  .max(1024)
  .regex(/^(\/[^/\p{Cc}]+)+$/u, 'an absolute folder path like /Energy/Generation')
  .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), 'no "." or ".." segments');
