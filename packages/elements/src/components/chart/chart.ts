import {
  type ChartData,
  type DataFilter,
  type OcpProviderError,
  type PlotlyConfig,
  type TimeRangeSpec,
  widthBucket,
} from '@ocp/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { OcpChartRenderEvent } from '../../events/chart-render.js';
import { OcpChartSelectEvent } from '../../events/chart-select.js';
import { appendedPoints, lastPoints } from '../../internal/appended-points.js';
import { wireInteractions } from '../../internal/chart-interactions.js';
import { drawTurn } from '../../internal/draw-queue.js';
import { type LoadState, OcpElement } from '../../internal/ocp-element.js';
import { withThemeContrast } from '../../internal/plotly-contrast.js';
import { readerConfig, withoutThirdPartyRequests } from '../../internal/plotly-egress.js';
import {
  bundleFor,
  loadPlotly,
  missingTraceTypes,
  type PlotlyLike,
  type PlotlyLoader,
  traceTypes,
} from '../../internal/plotly-loader.js';
import { adoptPlotlyStyles } from '../../internal/plotly-styles.js';
import { themedLayout } from '../../internal/plotly-theme.js';
import { sanitizeConfig, sanitizeData, sanitizeLayout } from '../../internal/sanitize.js';
import { svgWhenSmall } from '../../internal/svg-when-small.js';
import { themeStyles } from '../../internal/theme.styles.js';
import { acquireWebgl, onWebglReleased, releaseWebgl, svgFallback, webglCost } from '../../internal/webgl-budget.js';
import styles from './chart.styles.js';

/** A Plotly figure: traces, layout and config. */
export type OcpFigure = PlotlyConfig;

/** What `<ocp-chart>` needs to know about a stored chart: its type, title and Plotly template. */
export interface OcpChartInfo {
  chartType: string;
  title: string;
  plotlyConfig: PlotlyConfig;
}

/** What a chart's data is asked for beyond its width: the dashboard's range and filters, a pinned version. */
export interface OcpChartQuery {
  range?: TimeRangeSpec;
  filters?: DataFilter[];
  version?: number;
}

/** Room for Plotly's mode bar above the plot on touch screens, where it would otherwise cover the legend. */
const MODEBAR_ROOM = 30;

/** A chart whose trace types the page's Plotly bundle lacks (e.g. a heatmap with `plotly.js-basic-dist-min`). */
class PlotlyBundleError extends Error {
  constructor(readonly missing: string[]) {
    const types = missing.join(', ');
    super(
      `This chart uses ${types}, which this page's Plotly bundle does not include. It needs the full Plotly bundle (plotly.js-dist-min) or a custom bundle with ${missing.length > 1 ? 'these trace types' : 'this trace type'}.`,
    );
  }
}

const REFETCH_DELAY_MS = 250;

/**
 * @summary A Plotly chart that loads Plotly lazily, draws only near the viewport, updates with `Plotly.react`,
 * follows its container's size and shares a page-wide budget of WebGL contexts.
 *
 * @description Give it a `figure` directly, or a `chart-id` (with `chart` for its layout) and a `provider`, and it
 * fetches the traces itself (`provider.getChartData`, or `shareChartData` with `share-token`). Every string in the
 * figure is sanitized before Plotly sees it; config options from the server are allow-listed.
 *
 * Nothing a chart draws sends data off the page's hosts: the mode bar has no "Share chart…" (Plotly Cloud) button
 * and no Plotly logo link, and images, map tiles and geographic outlines from other origins are not fetched.
 * Export (download as PNG) stays.
 *
 * With a `heading` the chart shows its title above the plot (a layout title with the same text is not drawn again),
 * and with a `description` an (i) button that shows it.
 *
 * A page may load a partial Plotly bundle (see `setPlotlyLoader`); a chart whose trace types it lacks shows which
 * ones instead of drawing (`plotly.js-basic-dist-min` has scatter, bar and pie; every other type needs the full
 * `plotly.js-dist-min` or a custom bundle that includes it).
 *
 * Zoom to detail: zooming or panning a time axis fetches the visible range again at the plot's width (debounced;
 * the coarser drawing stays until the finer data arrives); double-click (autorange) returns to the full range.
 *
 * @slot actions - Controls at the end of the header (the dashboard puts the chart's menu here).
 *
 * @event {OcpChartRenderEvent} ocp-chart-render - After Plotly drew: `initial` true for newPlot, false for react.
 * @event {OcpChartSelectEvent} ocp-chart-select - The user clicked a bar, slice or point (cross-filter, drill-down).
 * @event {OcpErrorEvent} ocp-error - A provider call or Plotly failed.
 *
 * @csspart base - The wrapper around header, plot and states.
 * @csspart header - The title row (with `heading`).
 * @csspart title - The title.
 * @csspart info-button - The (i) button that shows the description.
 * @csspart description - The description, shown on demand.
 * @csspart plot - The element Plotly draws into.
 * @csspart loading - The loading placeholder.
 * @csspart empty - The "no data" message.
 * @csspart error - The error message and retry button.
 *
 * @cssproperty [--min-height=160px] - Smallest height of the chart.
 *
 * @cssstate state - Reflected as the `state` attribute: `idle`, `loading`, `ready`, `empty`, `error` or `waiting`.
 */
@customElement('ocp-chart')
export class OcpChart extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The chart to fetch data for (with `provider`). */
  @property({ attribute: 'chart-id' }) chartId?: string;

  /** The stored chart's type, title and Plotly template (layout, config, trace styles). */
  @property({ attribute: false }) chart?: OcpChartInfo;

  /** A complete figure to draw as is; when set, nothing is fetched. */
  @property({ attribute: false }) figure?: OcpFigure;

  /** Fetch data through this sharing link (`provider.shareChartData`) instead of `provider.getChartData`. */
  @property({ attribute: 'share-token' }) shareToken?: string;

  /** The range, filters and version to fetch data for (a dashboard sets it); changing it fetches again. */
  @property({ attribute: false }) query?: OcpChartQuery;

  /** Accessible name; defaults to the heading, else the chart's title. */
  @property() label?: string;

  /** A visible title above the plot (placed charts show the chart's title, or the placement's own). */
  @property() heading?: string;

  /** What the chart shows; with a `heading`, an (i) button reveals it. */
  @property() description?: string;

  /** Draw a picture only: no hover, zoom or mode bar (Plotly's `staticPlot`). */
  @property({ type: Boolean, attribute: 'static-plot' }) staticPlot = false;

  /** Draw immediately instead of waiting until the chart is near the viewport. */
  @property({ type: Boolean }) eager = false;

  /**
   * Live data: show only the last `max-points` points of every trace. Appends go through `Plotly.extendTraces` with
   * this as its `maxPoints`, so a growing series keeps a window of constant size (and drawing cost).
   */
  @property({ type: Number, attribute: 'max-points' }) maxPoints?: number;

  /** How close to the viewport (IntersectionObserver `rootMargin`) the chart starts drawing. */
  @property({ attribute: 'root-margin' }) rootMargin = '200px';

  /** Loads Plotly for this chart; default: the page loader (see `setPlotlyLoader`). */
  @property({ attribute: false }) plotlyLoader?: PlotlyLoader;

  /** `idle`, `loading`, `ready`, `empty`, `error`, or `waiting` (for a WebGL context). */
  @property({ reflect: true }) state: LoadState | 'waiting' = 'idle';

  /** `svg` or `webgl`: how the chart is drawn (WebGL traces with few points, or over the budget, draw as SVG). */
  @property({ reflect: true }) renderer?: 'svg' | 'webgl';

  @state() private error?: OcpProviderError | Error;
  @state() private describing = false;

  @query('[part="plot"]') private plotEl!: HTMLDivElement;

  #near = false;
  #plotted = false;
  /** The traces last fetched, reused when only the chart's title, layout or config changed. */
  #data?: ChartData;
  #refetch = true;
  #plotly?: PlotlyLike;
  #dirty = true;
  #drawing?: Promise<void>;
  #visibility?: IntersectionObserver;
  #resize?: ResizeObserver;
  #resizeFrame = 0;
  #lastSize = '';
  /** The element's size as its ResizeObserver last reported it (no layout read of our own). */
  #width = 0;
  #height = 0;
  /** The inherited text colour the theme is drawn from: read once, again only when the theme changes. */
  #textColor?: string;
  /** Width the current data was fetched for, and whether the server downsampled it to that width. */
  #dataWidth = 0;
  #downsampled = false;
  #refetchTimer = 0;
  #stopWaiting?: () => void;
  #darkQuery?: MediaQueryList;
  /** What Plotly drew last, to tell an append (extendTraces) from any other change (react). */
  #drawn?: { plotly: PlotlyLike; data: Record<string, unknown>[]; look: string };
  /** The last drawing, when it keeps its mode bar on a touch screen (see #clearModebar). */
  #touchDrawing?: { plotly: PlotlyLike; data: unknown[]; layout: Record<string, unknown>; config: object };
  #onScheme = () => {
    this.#textColor = undefined;
    this.#redraw();
  };
  /** The visible range after a zoom or pan (zoom to detail); undefined: the query's range. */
  #zoom?: TimeRangeSpec;
  #unwire?: () => void;

  /** The data last fetched (traces and meta: columns, whether it is time-based), once there is some. */
  get data(): ChartData | undefined {
    return this.#data;
  }

  /** Fetches data for `range` (the visible part of a time axis) at the plot's width; undefined goes back. */
  zoomTo(range: TimeRangeSpec | undefined): void {
    if (JSON.stringify(range) === JSON.stringify(this.#zoom)) return;
    this.#zoom = range;
    this.refresh();
  }

  /** The element Plotly draws into (for hosts that call Plotly directly, e.g. to export an image). */
  get plotElement(): HTMLDivElement | undefined {
    return this.#plotted ? this.plotEl : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#visibility = new IntersectionObserver(
      (entries) => {
        const near = entries.some((e) => e.isIntersecting);
        if (near && !this.#near) {
          this.#near = true;
          this.#schedule();
        }
        this.#near = near;
      },
      { rootMargin: this.rootMargin },
    );
    this.#visibility.observe(this);
    this.#resize = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1]!;
      const box = entry.borderBoxSize?.[0];
      this.#width = Math.round(box?.inlineSize ?? entry.contentRect.width);
      this.#height = Math.round(box?.blockSize ?? entry.contentRect.height);
      // Style and layout are fresh while resize observers run: the cheapest moment to read the colour.
      this.#textColor ??= getComputedStyle(this).color;
      this.#onResize();
    });
    this.#resize.observe(this);
    this.#darkQuery = matchMedia('(prefers-color-scheme: dark)');
    this.#darkQuery.addEventListener('change', this.#onScheme);
    this.#dirty = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#visibility?.disconnect();
    this.#resize?.disconnect();
    this.#darkQuery?.removeEventListener('change', this.#onScheme);
    cancelAnimationFrame(this.#resizeFrame);
    clearTimeout(this.#refetchTimer);
    this.#stopWaiting?.();
    this.#stopWaiting = undefined;
    this.#near = false;
    this.#unwire?.();
    this.#unwire = undefined;
    if (this.#plotted && this.#plotly) this.#plotly.purge(this.plotEl);
    this.#plotted = false;
    this.#drawn = undefined;
    releaseWebgl(this);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const has = (k: PropertyKey) => (changed as Map<PropertyKey, unknown>).has(k);
    // The traces depend on the chart, the link and the provider, and on the chart's trace templates; its title,
    // layout and config only change the drawing.
    const before = changed.get('chart') as OcpChartInfo | undefined;
    if (
      ['chartId', 'shareToken', 'provider'].some(has) ||
      (has('chart') && JSON.stringify(before?.plotlyConfig.data) !== JSON.stringify(this.chart?.plotlyConfig.data))
    )
      this.#refetch = true;
    if (has('theme')) this.#textColor = undefined;
    if (has('query') && JSON.stringify(changed.get('query')) !== JSON.stringify(this.query)) {
      this.#zoom = undefined; // a new dashboard range or filter starts from the whole range again
      this.refresh();
    }
    if (
      [
        'chartId',
        'chart',
        'figure',
        'shareToken',
        'provider',
        'theme',
        'plotlyLoader',
        'staticPlot',
        'heading',
        'maxPoints',
      ].some(has)
    )
      this.#redraw();
    if (changed.has('eager') && this.eager) this.#schedule();
  }

  /** Fetches the data again and redraws (e.g. after the chart's data changed). */
  refresh(): void {
    this.#refetch = true;
    this.#redraw();
  }

  #redraw(): void {
    this.#dirty = true;
    this.#schedule();
  }

  /** Resolves when pending drawing work is done (useful in tests and screenshots). */
  async settled(): Promise<void> {
    await this.updateComplete;
    while (this.#drawing) await this.#drawing;
  }

  #schedule(): void {
    if (!this.isConnected || !(this.#near || this.eager) || !this.#dirty) return;
    if (this.#drawing) return;
    this.#drawing = (async () => {
      try {
        while (this.#dirty && this.isConnected) {
          this.#dirty = false;
          await this.#draw();
        }
      } finally {
        this.#drawing = undefined;
      }
    })();
  }

  async #figure(): Promise<OcpFigure | null> {
    if (this.figure) return this.figure;
    const provider = this.activeProvider;
    if (!this.chartId || !provider) return null;
    const layout = { data: [], layout: this.chart?.plotlyConfig.layout, config: this.chart?.plotlyConfig.config };
    if (this.#data && !this.#refetch) return { ...layout, data: this.#data.traces };
    this.#refetch = false;
    const width = this.#width || Math.round(this.getBoundingClientRect().width) || undefined;
    const params = { ...this.query, width, ...(this.#zoom && { range: this.#zoom }) };
    let data: ChartData;
    try {
      data = this.shareToken
        ? await provider.shareChartData(this.shareToken, this.chartId, params)
        : await provider.getChartData(this.chartId, params);
    } catch (e) {
      this.#refetch = true;
      throw this.fail(e, this.shareToken ? 'shareChartData' : 'getChartData');
    }
    this.#data = data;
    this.#dataWidth = params.width ?? 0;
    this.#downsampled = data.meta.downsampled;
    return { ...layout, data: data.traces };
  }

  async #draw(): Promise<void> {
    if (!this.#plotted) this.state = 'loading';
    let endTurn: (() => void) | undefined;
    try {
      // The bundle is chosen from the trace types known before the data arrive (the figure, or the stored chart's
      // trace templates) so that it loads meanwhile, and again from the traces themselves once they are here.
      const early = bundleFor(traceTypes(this.figure?.data ?? this.chart?.plotlyConfig.data));
      const [figure, first] = await Promise.all([this.#figure(), loadPlotly(this.plotlyLoader, early)]);
      if (!this.isConnected) return;
      if (!figure || isEmpty(figure)) {
        this.state = figure ? 'empty' : 'idle';
        return;
      }
      const needed = bundleFor(traceTypes(figure.data));
      const plotly = needed === early ? first : await loadPlotly(this.plotlyLoader, needed);
      if (this.#plotted && this.#plotly && this.#plotly !== plotly) {
        // Drawn with the other bundle before: that one lets go of the element first.
        this.#plotly.purge(this.plotEl);
        this.#plotted = false;
      }
      this.#plotly = plotly;
      await this.updateComplete;
      // A drawn chart given new data redraws at once when nothing else is drawing; a first drawing always waits
      // for a task of its own (many charts start together, and Plotly may just have been evaluated).
      endTurn = await drawTurn({ immediate: this.#plotted });
      if (!this.isConnected) return;
      let data = sanitizeData(figure.data);
      let renderer: 'svg' | 'webgl' = 'svg';
      const max = this.maxPoints && this.maxPoints > 0 ? Math.floor(this.maxPoints) : undefined;
      // A few thousand points (a downsampled series) draw sooner as SVG than WebGL sets up, and take no context.
      data = svgWhenSmall(data, max) ?? data;
      const cost = webglCost(data);
      if (cost > 0) {
        if (acquireWebgl(this, cost)) renderer = 'webgl';
        else {
          const fallback = svgFallback(data);
          if (!fallback) {
            this.#waitForWebgl();
            return;
          }
          data = fallback;
        }
      }
      const source = sanitizeLayout(figure.layout ?? {});
      // The visible heading is the title; Plotly's own would only repeat it (a different one, e.g. a subtitle, stays).
      if (this.heading && layoutTitle({ data: [], layout: source })?.trim() === this.heading.trim())
        delete source.title;
      this.#textColor ??= getComputedStyle(this).color;
      // Colours fixed for one theme (a near-black marker) stay visible in the other.
      data = withThemeContrast(data, this.#textColor);
      const local = withoutThirdPartyRequests(themedLayout(source, this.#textColor), data);
      let layout = local.layout;
      data = local.data;
      // We handle resizing ourselves; whatever the stored config says, nothing leaves the page's hosts. The mode bar
      // shows on hover only (Plotly 4 otherwise keeps it over the legend).
      const config = readerConfig({
        displayModeBar: 'hover',
        ...sanitizeConfig(figure.config),
        responsive: false,
        editable: false,
        ...(this.staticPlot ? { staticPlot: true } : {}),
      });
      // A touch screen has no hover: Plotly shows the mode bar for good, so it gets a strip of its own above the plot.
      const touchModebar = !config.staticPlot && config.displayModeBar !== false && touchScreen().matches;
      if (touchModebar) {
        const margin = (layout.margin ?? {}) as { t?: number };
        layout = { ...layout, margin: { ...margin, t: (margin.t ?? 16) + MODEBAR_ROOM } };
      }
      // The viewer's zoom survives new data (finer data for the zoomed range); a new query range resets it.
      layout = { ...layout, uirevision: JSON.stringify(this.query?.range ?? null) };
      const initial = !this.#plotted;
      // Layout and config are small; data are not, and are compared only when everything else is the same.
      const look = JSON.stringify([layout, config, max]);
      const drawn = this.#drawn;
      // Appends are found in the whole series (a window that slid is not an append); Plotly keeps the window.
      const appended =
        !initial && drawn?.plotly === plotly && drawn.look === look && plotly.extendTraces
          ? appendedPoints(drawn.data, data)
          : null;
      this.#drawn = { plotly, data, look };
      const shown = max ? lastPoints(data, max) : data;
      // Plotly's rules are in the shadow root before it makes its elements: adopting them afterwards would restyle
      // the whole drawing once more (the next chart's first layout read paid for it).
      if (initial) adoptPlotlyStyles(this.renderRoot as ShadowRoot);
      if (initial) await plotly.newPlot(this.plotEl, shown, layout, config);
      else if (appended) await plotly.extendTraces!(this.plotEl, appended.update, appended.indices, max);
      else await plotly.react(this.plotEl, shown, layout, config);
      if (initial) {
        this.#unwire?.();
        this.#unwire = wireInteractions(this, this.plotEl, (detail) => {
          if (this.chartId) this.emit(new OcpChartSelectEvent({ chartId: this.chartId, ...detail }));
        });
      }
      this.#plotted = true;
      const missing = missingTraceTypes(this.plotEl);
      if (missing.length) {
        // Never leave a wrong drawing (a heatmap as empty lines) under the message.
        plotly.purge(this.plotEl);
        this.#plotted = false;
        throw new PlotlyBundleError(missing);
      }
      if (renderer === 'svg') releaseWebgl(this);
      this.renderer = renderer;
      adoptPlotlyStyles(this.renderRoot as ShadowRoot);
      this.#touchDrawing = touchModebar ? { plotly, data: shown, layout, config } : undefined;
      await this.#clearModebar();
      this.error = undefined;
      this.state = 'ready';
      this.#lastSize = this.#sizeKey();
      this.emit(new OcpChartRenderEvent({ renderer, initial }));
    } catch (e) {
      this.error = e instanceof Error ? e : new Error(String(e));
      this.state = 'error';
      if (!('code' in this.error)) this.fail(this.error, e instanceof PlotlyBundleError ? 'plotly-bundle' : 'plotly');
    } finally {
      endTurn?.();
    }
  }

  #sizeKey(): string {
    return `${this.#width}x${this.#height}`;
  }

  /**
   * On a touch screen the mode bar stays. The strip kept for it above the plot is not enough when a legend above the
   * plot wraps onto several rows (Plotly then widens the top margin to the legend's height, from the top edge), so
   * the plot moves down by what the mode bar still covers.
   */
  async #clearModebar(): Promise<void> {
    const drawing = this.#touchDrawing;
    if (!drawing || !this.#plotted) return;
    const bar = this.renderRoot.querySelector('.modebar')?.getBoundingClientRect();
    const legend = this.renderRoot.querySelector('.legend')?.getBoundingClientRect();
    if (!bar?.height || !legend?.height) return;
    const covers =
      bar.left < legend.right && legend.left < bar.right && bar.top < legend.bottom && legend.top < bar.bottom;
    if (!covers) return;
    const drawn = (this.plotEl as unknown as { _fullLayout?: { _size?: { t?: number } } })._fullLayout?._size?.t ?? 0;
    const margin = { ...(drawing.layout.margin as object), t: Math.ceil(drawn + bar.bottom - legend.top + 4) };
    drawing.layout = { ...drawing.layout, margin };
    await drawing.plotly.react(this.plotEl, drawing.data, drawing.layout, drawing.config);
  }

  #waitForWebgl(): void {
    this.state = 'waiting';
    this.#stopWaiting?.();
    this.#stopWaiting = onWebglReleased(() => {
      this.#stopWaiting?.();
      this.#stopWaiting = undefined;
      this.#redraw();
    });
  }

  #onResize(): void {
    if (!this.#plotted) return;
    cancelAnimationFrame(this.#resizeFrame);
    this.#resizeFrame = requestAnimationFrame(() => {
      const key = this.#sizeKey();
      // A hidden chart (zero size) keeps its last drawing; it is resized when it shows again.
      if (!this.#plotted || !this.#plotly || key === this.#lastSize || this.#width === 0 || this.#height === 0) return;
      this.#lastSize = key;
      void Promise.resolve(this.#plotly.Plots.resize(this.plotEl)).then(() => this.#clearModebar());
      // Data downsampled for a narrower plot would look coarse now: fetch it again for the new width once the
      // resizing settles (redrawn with react, like any other change). Only past the server's width bucket: within
      // it the server would answer the very same points.
      if (this.#downsampled && !this.figure && widthBucket(this.#width) > widthBucket(this.#dataWidth)) {
        clearTimeout(this.#refetchTimer);
        this.#refetchTimer = window.setTimeout(() => this.refresh(), REFETCH_DELAY_MS);
      }
    });
  }

  protected override render() {
    const name = this.label ?? this.heading ?? this.chart?.title ?? layoutTitle(this.figure) ?? 'Chart';
    return html`<div part="base" role="figure" aria-label=${name} aria-busy=${this.state === 'loading' ? 'true' : 'false'}>
      ${this.#renderHeader()}
      <div class="body">
        <div part="plot"></div>
        ${this.#renderState()}
        ${
          this.heading && this.description
            ? html`<p part="description" id="description" ?hidden=${!this.describing}>${this.description}</p>`
            : nothing
        }
      </div>
    </div>`;
  }

  #renderHeader() {
    if (!this.heading) return nothing;
    return html`<div part="header">
      <span part="title" title=${this.heading}>${this.heading}</span>
      ${
        this.description
          ? html`<button
              part="info-button"
              type="button"
              aria-label=${`About ${this.heading}`}
              aria-expanded=${this.describing ? 'true' : 'false'}
              aria-controls="description"
              @click=${() => {
                this.describing = !this.describing;
              }}
            ><svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.5"></circle>
              <rect x="7.25" y="6.75" width="1.5" height="5" rx="0.5" fill="currentColor"></rect>
              <circle cx="8" cy="4.5" r="1" fill="currentColor"></circle></svg></button>`
          : nothing
      }
      <slot name="actions"></slot>
    </div>`;
  }

  #renderState() {
    switch (this.state) {
      case 'idle':
      case 'loading':
        // Idle (not near the viewport yet, or nothing to fetch): a still placeholder, animated only while loading.
        return html`<div part="loading" class="overlay" role="status"><div class=${this.state === 'idle' ? 'skeleton still' : 'skeleton'}></div><span class="visually-hidden">Loading chart…</span></div>`;
      case 'waiting':
        return html`<div part="loading" class="overlay state" role="status">Waiting for a graphics context…</div>`;
      case 'empty':
        return html`<div part="empty" class="overlay state">No data to show.</div>`;
      case 'error':
        return html`<div part="error" class="overlay state error" role="alert">
          <span>${this.errorText(this.error as OcpProviderError)}</span>
          ${this.error instanceof PlotlyBundleError ? nothing : html`<button @click=${() => this.refresh()}>Retry</button>`}
        </div>`;
      default:
        return nothing;
    }
  }
}

let touchQuery: MediaQueryList | undefined;
/** A touch screen without hover, where Plotly keeps its mode bar shown (one query for the page). */
function touchScreen(): MediaQueryList {
  touchQuery ??= matchMedia('(hover: none) and (pointer: coarse)');
  return touchQuery;
}

function layoutTitle(figure: OcpFigure | undefined): string | undefined {
  const title = figure?.layout?.title;
  const text = typeof title === 'string' ? title : (title as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' ? text.replace(/<[^>]*>/g, '') : undefined;
}

/** No traces, or no trace with any values (x, y, z, values, value, labels, …). */
function isEmpty(figure: OcpFigure): boolean {
  if (figure.data.length === 0) return true;
  const keys = ['x', 'y', 'z', 'values', 'labels', 'r', 'theta', 'open', 'a', 'dimensions', 'ids', 'parents'];
  return figure.data.every((t) => {
    if ('value' in t && t.value !== null && t.value !== undefined) return false;
    const present = keys.filter((k) => k in t);
    return present.length > 0 && present.every((k) => Array.isArray(t[k]) && (t[k] as unknown[]).length === 0);
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-chart': OcpChart;
  }
}
