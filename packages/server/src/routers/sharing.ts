import { z } from 'zod';
import { FRAME_ORIGIN_HINT, isFrameOrigin } from '../services/frame-origins.js';
import { createLink, listLinks, resolveLink, revokeLink, sharedChartData } from '../services/sharing.js';
import { authedProcedure, publicProcedure, rateLimited, router } from '../trpc.js';
import { dataParams, id, timestamp } from './inputs.js';

const resourceType = z.enum(['dashboard', 'chart', 'template']);

/** An origin allowed to frame the shared view (CSP frame-ancestors); see isFrameOrigin. */
const origin = z.string().max(255).refine(isFrameOrigin, FRAME_ORIGIN_HINT);

const permissions = z.strictObject({
  view: z.literal(true).default(true),
  interact: z.boolean().optional(),
  allowedOrigins: z.array(origin).max(20).optional(),
});

/** Raw tokens are 43 base64url characters; anything shaped otherwise cannot match. */
const token = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a sharing token');

export const sharingRouter = router({
  create: authedProcedure
    .input(
      z.strictObject({
        resourceType,
        resourceId: id,
        permissions: permissions.optional(),
        expiresAt: timestamp.nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => createLink(ctx.db, ctx.user, input, ctx.shareUrl)),
  list: authedProcedure
    .input(z.strictObject({ resourceType: resourceType.optional(), resourceId: id.optional() }).default({}))
    .query(({ ctx, input }) => listLinks(ctx.db, ctx.user, input)),
  revoke: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => revokeLink(ctx.db, ctx.user, input.id)),
  resolve: publicProcedure
    .use(rateLimited('shareToken', { refundOnSuccess: true }))
    .input(z.strictObject({ token }))
    .query(({ ctx, input }) => resolveLink(ctx.db, input.token)),
  chartData: publicProcedure
    .use(rateLimited('shareToken', { refundOnSuccess: true }))
    .input(z.strictObject({ token, chartId: id, ...dataParams }))
    .query(({ ctx, input }) => sharedChartData(ctx.db, input)),
});
