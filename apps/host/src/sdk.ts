/**
 * `/sdk/ocp.js`: everything a plain HTML page needs, as one ES module — the `<ocp-*>` elements, the typed client and
 * the provider. Plotly loads lazily from a sibling chunk when the first chart draws.
 *
 * ```html
 * <script type="module">
 *   import { connect } from 'https://dashboards.example.com/sdk/ocp.js';
 *   connect({ url: 'https://dashboards.example.com/trpc', getToken: () => myToken });
 * </script>
 * <ocp-dashboard dashboard-id="…"></ocp-dashboard>
 * ```
 */
import { createOcpClient, createOcpProvider, type OcpClientOptions } from '@ocp/client';
import { setDefaultProvider } from './elements.js';

export {
  createOcpClient,
  createOcpProvider,
  type OcpClient,
  type OcpClientOptions,
  type OcpProviderOptions,
} from '@ocp/client';
export * from './elements.js';

/** Creates the client and makes its provider the page default for every `<ocp-*>` element; returns the client. */
export function connect(options: OcpClientOptions) {
  const client = createOcpClient(options);
  setDefaultProvider(createOcpProvider(client));
  return client;
}
