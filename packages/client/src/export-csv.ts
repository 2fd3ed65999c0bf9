import type { ExportCsvInput } from '@ocp/contract';
import { type OcpErrorCode, OcpProviderError } from '@ocp/contract/errors';
import type { OcpHttpEndpoint } from './client.js';

/**
 * `GET <url>/charts.exportCsv?input=…` with the client's token: the server streams the CSV, and the whole file
 * arrives as a Blob for the browser to save. Failures are OcpProviderErrors with the server's code.
 */
export async function exportCsv(endpoint: OcpHttpEndpoint, input: ExportCsvInput): Promise<Blob> {
  const { shareToken, chartId, range, filters, version } = input;
  const body = shareToken
    ? { token: shareToken, chartId, range, filters, version }
    : { chartId, range, filters, version };
  const url = `${endpoint.url.replace(/\/$/, '')}/charts.exportCsv?input=${encodeURIComponent(JSON.stringify(body))}`;
  const auth = shareToken ? null : await endpoint.authorization();
  const res = await (endpoint.fetch ?? fetch)(url, {
    headers: { ...endpoint.headers, ...(auth ? { authorization: auth } : {}) },
  });
  if (!res.ok) {
    const answer = (await res.json().catch(() => null)) as {
      error?: { message?: string; data?: { code?: string } };
    } | null;
    throw new OcpProviderError(
      (answer?.error?.data?.code ?? 'INTERNAL_SERVER_ERROR') as OcpErrorCode,
      answer?.error?.message ?? `CSV export failed (${res.status})`,
    );
  }
  return res.blob();
}
