/**
 * OCP Dashboards in a React 19 app, without wrappers: React 19 passes objects to custom elements as properties
 * (so `provider={…}` reaches the element) and `ref` gives the element for its `ocp-*` events.
 *
 *   npm install @ocp/elements @ocp/client
 *
 *   <OcpDashboardView url="https://dashboards.example.com/trpc" dashboardId={id} getToken={() => auth.token} />
 *
 * See docs/embedding.md. This file is an example; the repository does not build it.
 */
import { createOcpClient, createOcpProvider } from '@ocp/client';
import '@ocp/elements'; // defines the <ocp-*> elements
import type { OcpDashboard } from '@ocp/elements';
import { useEffect, useMemo, useRef } from 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ocp-dashboard': React.DetailedHTMLProps<React.HTMLAttributes<OcpDashboard>, OcpDashboard> & {
        'dashboard-id'?: string;
        'share-token'?: string;
        mode?: 'view' | 'edit';
        'hide-header'?: boolean;
        provider?: OcpDashboard['provider'];
      };
    }
  }
}

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

  const ref = useRef<OcpDashboard>(null);
  useEffect(() => {
    const board = ref.current;
    if (!board || !onChartPlaced) return;
    const listener = (e: HTMLElementEventMap['ocp-chart-placed']) => onChartPlaced(e.detail.chartId, e.detail.slotKey);
    board.addEventListener('ocp-chart-placed', listener);
    return () => board.removeEventListener('ocp-chart-placed', listener);
  }, [onChartPlaced]);

  return <ocp-dashboard ref={ref} dashboard-id={dashboardId} mode={mode} provider={provider} />;
}
