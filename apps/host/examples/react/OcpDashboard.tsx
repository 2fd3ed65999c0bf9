/**
 * OCP Dashboards in a React 19 app, without wrappers: React 19 passes objects to custom elements as properties
 * (so `provider={…}` reaches the element) and turns `onocp-…` props into listeners for those events.
 * `@ocp/elements/react` types both, generated from the elements' manifest.
 *
 *   npm install @ocp/elements @ocp/client react && npm install -D @types/react
 *
 *   <OcpDashboardView url="https://dashboards.example.com/trpc" dashboardId={id} getToken={() => auth.token} />
 *
 * See docs/embedding.md. The package tests type-check this file against the packed packages
 * (tooling/package-tests).
 */
import { createOcpClient, createOcpProvider } from '@ocp/client';
import '@ocp/elements'; // defines the <ocp-*> elements
import type {} from '@ocp/elements/react'; // JSX types of every <ocp-*> element
import { useMemo, useRef } from 'react';

export interface OcpDashboardViewProps {
  /** The OCP API, e.g. `https://dashboards.example.com/trpc`. */
  url: string;
  dashboardId: string;
  /** Your user's token for the OCP API (embedded, Supabase, or what your `resolveUser` accepts). */
  getToken: () => string | null | Promise<string | null>;
  mode?: 'view' | 'edit';
  onChartPlaced?: (chartId: string, slotKey: string) => void;
}

export function OcpDashboardView({ url, dashboardId, getToken, mode = 'view', onChartPlaced }: OcpDashboardViewProps) {
  // One client and provider per API URL; getToken is read per request, so a refreshed token needs no new client.
  const tokenRef = useRef(getToken);
  tokenRef.current = getToken;
  const provider = useMemo(
    () => createOcpProvider(createOcpClient({ url, getToken: () => tokenRef.current() })),
    [url],
  );

  return (
    <ocp-dashboard
      dashboard-id={dashboardId}
      mode={mode}
      provider={provider}
      // e is OcpChartPlacedEvent: its detail is typed.
      onocp-chart-placed={(e) => onChartPlaced?.(e.detail.chartId, e.detail.slotKey)}
    />
  );
}
