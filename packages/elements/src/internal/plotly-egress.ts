/**
 * A reader's promise: drawing a chart sends nothing to third parties. Left alone, Plotly 4 shows a "Share chart…"
 * mode-bar button that uploads the figure to Plotly Cloud, a logo linking to plotly.com, fetches geographic outlines
 * from its CDN and map tiles, styles and fonts from public tile servers, and loads layout images from wherever they
 * point. The elements switch all of that off, whatever the stored figure says; export to PNG stays (it is local).
 */

/** Mode-bar buttons that send the figure somewhere. */
const CLOUD_BUTTONS = new Set(['sendChartToCloud', 'sendDataToCloud', 'editInChartStudio']);

/**
 * Where geo traces (`scattergeo`, `choropleth`) look for their outlines: the page's own origin, never Plotly's CDN.
 * A page that draws them serves Plotly's topojson files there, or provides them as `window.PlotlyGeoAssets`.
 */
export const TOPOJSON_PATH = '/topojson/';

/** The Plotly config with every link and upload to third parties off. */
export function readerConfig(config: Record<string, unknown>): Record<string, unknown> {
  const toAdd = config.modeBarButtonsToAdd;
  return {
    ...config,
    ...(Array.isArray(toAdd)
      ? { modeBarButtonsToAdd: toAdd.filter((b) => typeof b === 'string' && !CLOUD_BUTTONS.has(b)) }
      : {}),
    showSendToCloud: false,
    showEditInChartStudio: false,
    showLink: false,
    plotlyServerURL: '',
    displaylogo: false,
    watermark: false,
    topojsonURL: TOPOJSON_PATH,
  };
}

/** A data: URI, or a URL on the page's own origin (relative ones included). */
function onPageOrigin(value: unknown): boolean {
  if (typeof value !== 'string') return true;
  if (value.startsWith('data:')) return true;
  try {
    return new URL(value, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

const MAP_TRACES = /^(scattermap|choroplethmap|densitymap|scattermapbox|choroplethmapbox|densitymapbox)$/;
const MAP_SUBPLOT = /^(map|mapbox)\d*$/;

/** A map subplot whose style and layers come from the page's origin only ('white-bg' needs no tiles at all). */
function localMap(map: Record<string, unknown>): Record<string, unknown> {
  const style = map.style;
  const localStyle =
    typeof style === 'string' && (style === 'white-bg' || (style.includes('/') && onPageOrigin(style)));
  const layers = Array.isArray(map.layers)
    ? map.layers.filter((layer) => {
        const l = layer as { source?: unknown };
        const sources = Array.isArray(l.source) ? l.source : [l.source];
        return sources.every(onPageOrigin);
      })
    : map.layers;
  return { ...map, style: localStyle ? style : 'white-bg', ...(layers ? { layers } : {}) };
}

/**
 * The layout, and the traces' `geojson`, without anything Plotly would fetch from another origin: layout images
 * from elsewhere are dropped, map subplots fall back to a plain background (no tiles), map layers and geojson from
 * elsewhere are left out.
 */
export function withoutThirdPartyRequests(
  layout: Record<string, unknown>,
  data: Record<string, unknown>[],
): { layout: Record<string, unknown>; data: Record<string, unknown>[] } {
  const out: Record<string, unknown> = { ...layout };
  if (Array.isArray(layout.images))
    out.images = layout.images.filter((image) => onPageOrigin((image as { source?: unknown }).source));
  for (const [key, value] of Object.entries(layout)) {
    if (MAP_SUBPLOT.test(key) && value && typeof value === 'object')
      out[key] = localMap(value as Record<string, unknown>);
  }
  // Map traces without a map subplot in the layout get Plotly's default one, whose style is a public tile server.
  for (const trace of data) {
    if (typeof trace.type !== 'string' || !MAP_TRACES.test(trace.type)) continue;
    const subplot =
      typeof trace.subplot === 'string' ? trace.subplot : trace.type.endsWith('mapbox') ? 'mapbox' : 'map';
    if (!out[subplot]) out[subplot] = localMap({});
  }
  const traces = data.map((trace) =>
    'geojson' in trace && !onPageOrigin(trace.geojson) ? { ...trace, geojson: undefined } : trace,
  );
  return { layout: out, data: traces };
}
