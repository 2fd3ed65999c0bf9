import { dashboardEventsInput } from '@ocp/contract';
import { tracked } from '@trpc/server';
import { deliverNotice } from '../events/deliver.js';
import { authorizeDashboard } from '../services/dashboards.js';
import { authedProcedure, router, streamSlot } from '../trpc.js';

export const eventsRouter = router({
  /**
   * Live changes to one dashboard, over SSE: `tracked(id, DashboardEvent)`, each carrying the placement, tab, chart
   * or dashboard fields that changed, read as this caller may see them (see events/deliver.ts). Authorized like dashboards.get (NOT_FOUND when not visible), and again whenever access may have
   * changed (the caller's memberships, the dashboard's visibility): the stream ends once the caller may no longer
   * read it, and after the dashboard's `deleted` event. `lastEventId` (sent by tRPC's client on reconnection)
   * resumes after that event.
   */
  dashboard: authedProcedure
    .use(streamSlot)
    .input(dashboardEventsInput)
    // A plain async resolver, not a generator: tRPC awaits it before answering, so a refusal is the stream's only
    // message, and by the time the client sees `connected` the subscription is in place.
    .subscription(async ({ ctx, input, signal }) => {
      // Each read of the stream is its own short transaction as the caller (row-level security), not one for hours.
      const { asCaller, user } = ctx;
      await asCaller((db) => authorizeDashboard(db, user.id, input.dashboardId, 'read'));
      const events = await ctx.events.open(input.dashboardId, {
        lastEventId: input.lastEventId,
        signal,
        access: {
          userId: user.id,
          check: () =>
            asCaller((db) => authorizeDashboard(db, user.id, input.dashboardId, 'read')).then(
              () => true,
              () => false,
            ),
        },
      });
      return (async function* () {
        for await (const { id: eventId, event: notice } of events) {
          const event = await asCaller((db) => deliverNotice(db, user.id, notice));
          if (event) yield tracked(eventId, event);
        }
      })();
    }),
});
