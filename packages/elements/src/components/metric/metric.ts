import type { ChartData, OcpProviderError, PlotlyConfig } from '@ocp/contract';
import { html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type LoadState, OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './metric.styles.js';

/**
 * @summary A KPI tile: one big number with a label, for `metric` and `indicator` charts (no Plotly needed).
 *
 * @description Set `value` directly, or `chart-id` (with `chart` and a `provider`) to show the last value of the
 * chart's data; prefix and suffix come from the chart's indicator `number` settings unless set.
 *
 * @event {OcpErrorEvent} ocp-error - Loading the chart's data failed.
 *
 * @csspart base - The tile.
 * @csspart label - The label.
 * @csspart value - The number.
 *
 * @cssproperty [--value-size=clamp(1.6rem, 6cqi, 3rem)] - Font size of the number (the default scales with the tile's width).
 *
 * @cssstate state - Reflected as `state`: `idle`, `loading`, `ready`, `empty` or `error`.
 */
@customElement('ocp-metric')
export class OcpMetric extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The label above the number. */
  @property() label = '';

  /** The number (or text) to show. */
  @property() value?: number | string | null;

  /** Text before the number, e.g. `$`. */
  @property({ attribute: 'value-prefix' }) valuePrefix?: string;

  /** Text after the number, e.g. ` kW`. */
  @property({ attribute: 'value-suffix' }) valueSuffix?: string;

  /** Maximum fraction digits when formatting numbers. */
  @property({ type: Number, attribute: 'fraction-digits' }) fractionDigits = 1;

  /** Load the value from this chart's data (with `provider`). */
  @property({ attribute: 'chart-id' }) chartId?: string;

  /** The chart's title and Plotly template (label, prefix and suffix defaults). */
  @property({ attribute: false }) chart?: { title: string; plotlyConfig: PlotlyConfig };

  /** Load through this sharing link instead. */
  @property({ attribute: 'share-token' }) shareToken?: string;

  /** Where loading stands, reflected for styling (`:host([state='error'])`): `idle`, `loading`, `ready`, `empty` or `error`. Set by the element. */
  @property({ reflect: true }) state: LoadState = 'idle';
  @state() private error?: OcpProviderError;
  @state() private loaded?: number | string | null;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('chartId') || changed.has('provider') || changed.has('shareToken')) void this.#load();
    if (changed.has('value') && this.value !== undefined) this.state = this.value === null ? 'empty' : 'ready';
  }

  /** Fetches the value again (e.g. after the chart's data changed). */
  refresh(): Promise<void> {
    return this.#load();
  }

  async #load(): Promise<void> {
    const provider = this.activeProvider;
    if (!this.chartId || !provider || this.value !== undefined) return;
    this.state = 'loading';
    try {
      const data: ChartData = this.shareToken
        ? await provider.shareChartData(this.shareToken, this.chartId)
        : await provider.getChartData(this.chartId);
      this.loaded = lastValue(data);
      this.state = this.loaded === null ? 'empty' : 'ready';
    } catch (e) {
      this.error = this.fail(e, this.shareToken ? 'shareChartData' : 'getChartData');
      this.state = 'error';
    }
  }

  #format(v: number | string): string {
    const n = typeof v === 'number' ? v : Number(v);
    if (typeof v === 'string' && (v.trim() === '' || !Number.isFinite(n))) return v;
    return new Intl.NumberFormat(undefined, { maximumFractionDigits: this.fractionDigits }).format(n);
  }

  protected override render() {
    const number = (this.chart?.plotlyConfig.data[0]?.number ?? {}) as { prefix?: string; suffix?: string };
    const label = this.label || this.chart?.title || '';
    const value = this.value ?? this.loaded;
    let body: unknown;
    if (this.state === 'loading' || (this.state === 'idle' && this.chartId))
      body = html`<div class="skeleton" role="status" aria-label="Loading"></div>`;
    else if (this.state === 'error')
      body = html`<span part="value" class="error" role="alert">${this.errorText(this.error)}</span>`;
    else if (value === undefined || value === null) body = html`<span part="value">—</span>`;
    else
      body = html`<span part="value">${this.valuePrefix ?? number.prefix ?? ''}${this.#format(value)}${this.valueSuffix ?? number.suffix ?? ''}</span>`;
    return html`<div part="base" role="group" aria-label=${label || 'Metric'}>
      ${label ? html`<p part="label">${label}</p>` : null} ${body}
    </div>`;
  }
}

/** The last number of the first trace: an indicator's `value`, else the last numeric y. */
function lastValue(data: ChartData): number | string | null {
  const t = data.traces[0];
  if (!t) return null;
  if (typeof t.value === 'number') return t.value;
  const ys = (Array.isArray(t.y) ? t.y : Array.isArray(t.values) ? t.values : []) as unknown[];
  for (let i = ys.length - 1; i >= 0; i--) if (typeof ys[i] === 'number') return ys[i] as number;
  return null;
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-metric': OcpMetric;
  }
}
