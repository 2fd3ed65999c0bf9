import type { ChatStreamEvent, DashboardEvent, OcpDataProvider } from '@ocp/contract';
import { endpointOf, type OcpClient } from './client.js';
import { toProviderError } from './errors.js';
import { exportCsv } from './export-csv.js';
import { toAsyncIterable } from './iterable.js';

export interface OcpProviderOptions {
  /** Live dashboard updates over SSE (`events.dashboard`). Default true; false leaves `subscribeDashboard` out. */
  live?: boolean;
  /** Called when a live subscription fails (it is not retried by the provider; tRPC's SSE link reconnects on drops). */
  onLiveError?: (error: Error) => void;
}

/** Events from a `tracked()` server generator arrive as `{ id, data }`; plain yields arrive as they are. */
function untrack<T>(value: unknown): T {
  if (value && typeof value === 'object' && 'id' in value && 'data' in value && Object.keys(value).length === 2) {
    return (value as { data: T }).data;
  }
  return value as T;
}

/**
 * The contract's `OcpDataProvider` over the typed tRPC client: every method is one procedure call (SPEC §4), every
 * rejection an `OcpProviderError` with the tRPC `code`. Pair it with `setDefaultProvider()` or an element's `provider` property:
 *
 * ```ts
 * const client = createOcpClient({ url: '/trpc', getToken: () => session.token });
 * setDefaultProvider(createOcpProvider(client));
 * ```
 */
export function createOcpProvider(client: OcpClient, options: OcpProviderOptions = {}): OcpDataProvider {
  const wrap = (e: unknown) => toProviderError(e);
  /** Runs one call and normalizes its failure. */
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw wrap(e);
    }
  };

  const endpoint = endpointOf(client);
  const provider: OcpDataProvider = {
    ...(endpoint && { exportChartCsv: (input) => exportCsv(endpoint, input) }),
    getDashboard: (id) => call(() => client.dashboards.get.query({ id })),
    listTemplates: () => call(() => client.templates.list.query()),
    getTemplate: (id) => call(() => client.templates.get.query({ id })),

    // Inputs are copied field by field: the server's inputs are strict, and a contract type may differ in names.
    placeChart: ({ tabId, slotKey, chartId, customizations, replace }) =>
      call(() => client.placements.place.mutate({ tabId, slotKey, chartId, customizations, replace })),
    removePlacement: (placementId) =>
      call(async () => {
        await client.placements.remove.mutate({ id: placementId });
      }),

    getChartData: (chartId, params) => call(() => client.charts.data.query({ chartId, ...params })),
    filterValues: ({ shareToken, chartId, column, search, limit }) =>
      call(() =>
        shareToken
          ? client.sharing.filterValues.query({ token: shareToken, chartId, column, search, limit })
          : client.charts.filterValues.query({ chartId, column, search, limit }),
      ),
    chartVersions: (chartId) => call(() => client.charts.versions.query({ chartId })),
    restoreChartVersion: (chartId, versionNumber) =>
      call(() => client.charts.restoreVersion.mutate({ chartId, versionNumber })),

    dashboardVersions: (dashboardId) => call(() => client.dashboardVersions.list.query({ dashboardId })),
    createDashboardVersion: (dashboardId, changeSummary) =>
      call(() => client.dashboardVersions.create.mutate({ dashboardId, changeSummary })),
    restoreDashboardVersion: (dashboardId, versionNumber) =>
      call(async () => (await client.dashboardVersions.restore.mutate({ dashboardId, versionNumber })).dashboard),

    listWorkspace: ({ folderPath, tags, itemType, favoritesOnly } = {}) =>
      call(() => client.workspace.items.list.query({ folderPath, tags, itemType, favoritesOnly })),
    searchWorkspace: ({ q, tags, itemType }) => call(() => client.workspace.items.search.query({ q, tags, itemType })),
    updateWorkspaceItem: (id, { title, tags, folderPath, isFavorite }) =>
      call(() => client.workspace.items.update.mutate({ id, title, tags, folderPath, isFavorite })),
    folderTree: () => call(() => client.workspace.folders.tree.query()),

    createShare: ({ resourceType, resourceId, permissions, expiresAt }) =>
      call(() => client.sharing.create.mutate({ resourceType, resourceId, permissions, expiresAt })),
    listShares: ({ resourceType, resourceId }) => call(() => client.sharing.list.query({ resourceType, resourceId })),
    revokeShare: (id) =>
      call(async () => {
        await client.sharing.revoke.mutate({ id });
      }),
    resolveShare: (token) => call(() => client.sharing.resolve.query({ token })),
    shareChartData: (token, chartId, params) =>
      call(() => client.sharing.chartData.query({ token, chartId, ...params })),

    createChatSession: (input) => call(() => client.chat.sessions.create.mutate(input ?? {})),
    getChatSession: (id) => call(() => client.chat.sessions.get.query({ id })),
    sendChat: (input) => call(() => client.chat.send.mutate(input)),
    streamChat: ({ sessionId, signal }) =>
      toAsyncIterable<ChatStreamEvent>(
        (handlers) =>
          client.chat.stream.subscribe(
            { sessionId },
            {
              onData: (value: unknown) => handlers.onData(untrack<ChatStreamEvent>(value)),
              onError: handlers.onError,
              onComplete: handlers.onComplete,
            },
          ),
        signal,
        wrap,
      ),
    confirmChat: ({ sessionId, confirmationId, decision }) =>
      call(() => client.chat.confirm.mutate({ sessionId, confirmationId, decision })),
    decideChanges: ({ sessionId, changeSetId, decision }) =>
      call(() => client.chat.changes.decide.mutate({ sessionId, changeSetId, decision })),
    previewChanges: ({ sessionId, changeSetId }) =>
      call(() => client.chat.changes.preview.query({ sessionId, changeSetId })),
    listChatSessions: ({ contextType, contextId } = {}) =>
      call(() => client.chat.sessions.list.query({ contextType, contextId })),
    listAgents: () => call(() => client.agents.list.query()),
    listModels: () => call(() => client.models.list.query()),
  };

  if (options.live !== false) {
    provider.subscribeDashboard = (dashboardId, onEvent) => {
      const sub = client.events.dashboard.subscribe(
        { dashboardId },
        {
          onData: (value: unknown) => onEvent(untrack<DashboardEvent>(value)),
          onError: (e: unknown) => options.onLiveError?.(wrap(e)),
        },
      );
      return () => sub.unsubscribe();
    };
  }
  return provider;
}
