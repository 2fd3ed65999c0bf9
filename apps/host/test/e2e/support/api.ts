import { createOcpClient, type OcpClient } from '@ocp/client';

/** The typed client against a test host, as the user with `token` (or anonymous). */
export function apiClient(baseUrl: string, token?: string): OcpClient {
  return createOcpClient({ url: `${baseUrl}/trpc`, getToken: () => token });
}

/**
 * A new account through the API, signed in: sign-up answers alike for new and taken addresses (no token), so the
 * token comes from the sign-in that follows.
 */
export async function createAccount(
  baseUrl: string,
  account: { email: string; password: string; displayName: string },
): Promise<string> {
  const anon = apiClient(baseUrl);
  await anon.auth.signUp.mutate(account);
  return (await anon.auth.signIn.mutate({ email: account.email, password: account.password })).token;
}

/** A small inline bar chart owned by the caller, added to their workspace (as the chart editor does). */
export async function createWorkspaceChart(api: OcpClient, title: string, chartType = 'bar') {
  const chart = await api.charts.create.mutate({
    title,
    chartType,
    plotlyConfig: { data: [{ type: chartType === 'line' ? 'scatter' : 'bar' }], layout: { title: { text: title } } },
    dataSourceConfig: {
      kind: 'inline',
      columns: { month: ['Jan', 'Feb', 'Mar', 'Apr'], value: [3, 5, 4, 7] },
      mapping: { x: 'month', y: ['value'] },
    },
  });
  const folders = await api.workspace.folders.tree.query();
  if (!folders.some((f) => f.path === '/Sales')) await api.workspace.folders.create.mutate({ name: 'Sales' });
  await api.workspace.items.create.mutate({
    itemType: 'chart',
    title,
    referenceId: chart.id,
    content: { chartType },
    folderPath: '/Sales',
    tags: ['sales'],
  });
  return chart;
}
