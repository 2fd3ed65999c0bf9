/**
 * `/sdk/<version>/ocp.js` (and `/sdk/ocp.js`, the current version): everything a plain HTML page needs, as one ES
 * module — the `<ocp-*>` elements, the typed client and the provider. Plotly loads lazily from a sibling chunk when
 * the first chart draws. Any origin may load it (docs/embedding.md#script-tag-no-build-step).
 *
 * ```html
 * <script type="module">
 *   import { connect } from 'https://dashboards.example.com/sdk/0.1.0/ocp.js';
 *   connect({ url: 'https://dashboards.example.com/trpc', getToken: () => myToken });
 * </script>
 * <ocp-dashboard dashboard-id="…"></ocp-dashboard>
 * ```
 */
import { createOcpClient, createOcpProvider, type OcpClientOptions } from '@ocp/client';
import { fullPlotly, type PlotlyLike, type PlotlyLoader, setDefaultProvider, setPlotlyLoader } from './elements.js';

export {
  createOcpClient,
  createOcpProvider,
  type OcpClient,
  type OcpClientOptions,
  type OcpProviderOptions,
} from '@ocp/client';
export * from './elements.js';

export interface ConnectOptions extends OcpClientOptions {
  /**
   * Which Plotly the charts draw with. `'auto'` (the default): per chart, the smallest bundle that has its trace
   * types: `plotly.js-basic-dist-min` (about 400 kB gzipped) for scatter (lines, markers, areas), bar and pie, and
   * Plotly's strict bundle (every trace type, about 1.5 MB gzipped) for anything else; each is fetched the first time
   * a chart needs it. Neither uses `eval`, so both run under a strict Content-Security-Policy.
   * `'full'`: the strict bundle for every chart. `'basic'`: the basic bundle only; a chart of any other type shows
   * which bundle it needs instead. Or a loader of your own partial bundle,
   * e.g. `() => import('https://cdn.example.com/plotly-custom.min.js')`.
   */
  plotly?: 'auto' | 'full' | 'basic' | PlotlyLoader;
}

/** The basic bundle, a sibling chunk fetched only when a page asks for it. */
const basicPlotly: PlotlyLoader = async () => {
  const mod = (await import('plotly.js-basic-dist-min')) as { default?: PlotlyLike };
  return mod.default ?? (globalThis as { Plotly?: PlotlyLike }).Plotly!;
};

/** Creates the client and makes its provider the page default for every `<ocp-*>` element; returns the client. */
export function connect(options: ConnectOptions) {
  const { plotly = 'auto', ...clientOptions } = options;
  const loaders = { auto: null, full: fullPlotly, basic: basicPlotly };
  setPlotlyLoader(typeof plotly === 'string' ? loaders[plotly] : plotly);
  const client = createOcpClient(clientOptions);
  setDefaultProvider(createOcpProvider(client));
  return client;
}
