import type { Cell } from '@ocp/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { OcpChartSelectEvent } from '../../events/chart-select.js';
import { chartImage } from '../../internal/export/chart-image.js';
import { fileName, saveBlob } from '../../internal/export/download.js';
import { OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import type { OcpChart } from '../chart/chart.js';
import styles from './chart-menu.styles.js';

/** The values a keyboard user can cross-filter by: the series' names, or the bars' and slices' categories. */
export function selectableValues(chart: OcpChart): { column: string; values: Cell[] } | null {
  const data = chart.data;
  const meta = data?.meta;
  if (!data || !meta?.x) return null;
  if (meta.series) {
    const names = data.traces.map((t) => t.name).filter((n): n is string => typeof n === 'string');
    return names.length ? { column: meta.series, values: [...new Set(names)] } : null;
  }
  if (meta.timeBased) return null;
  const values: Cell[] = [];
  for (const t of data.traces) {
    const list = (t.type === 'pie' || t.type === 'funnelarea' ? t.labels : t.x) as Cell[] | undefined;
    for (const v of list ?? []) if (!values.includes(v) && values.length < 200) values.push(v);
  }
  return values.length ? { column: meta.x, values } : null;
}

/**
 * @summary A chart's actions menu: download the chart as PNG or SVG (named after its title) or its data as CSV
 * (server-side, full resolution), and "Filter others by…", the keyboard equivalent of clicking a bar or slice.
 *
 * @description Put it in an `<ocp-chart>`'s `actions` slot (`<ocp-dashboard>` does). The menu button opens a menu; arrow keys
 * move between items, Escape closes it.
 *
 * @event {OcpChartSelectEvent} ocp-chart-select - Dispatched on the chart when a value is chosen under "Filter others by…" (a submenu of the values).
 * @event {OcpErrorEvent} ocp-error - An export failed.
 *
 * @csspart button - The menu button.
 * @csspart menu - The menu.
 * @csspart item - Each menu item.
 */
@customElement('ocp-chart-menu')
export class OcpChartMenu extends OcpElement {
  static override styles = [themeStyles, styles];

  /** Offer downloads (a sharing link without `allowExport` hides them; the server refuses its CSV anyway). */
  @property({ type: Boolean, attribute: 'allow-export' }) allowExport = true;

  /** Offer "Filter others by…" (cross-filtering on). */
  @property({ type: Boolean, attribute: 'cross-filter' }) crossFilter = false;

  /** Export the CSV through this sharing link. */
  @property({ attribute: 'share-token' }) shareToken?: string;

  @state() private open = false;
  @state() private picking = false;
  @state() private busy = '';
  @state() private message = '';

  get #chart(): OcpChart | null {
    return this.closest('ocp-chart');
  }

  get #title(): string {
    const chart = this.#chart;
    return chart?.heading || chart?.label || chart?.chart?.title || 'chart';
  }

  async #image(format: 'png' | 'svg') {
    const chart = this.#chart;
    if (!chart) return;
    await this.#run(format.toUpperCase(), async () =>
      saveBlob(await chartImage(chart, format), fileName(this.#title, format)),
    );
  }

  async #csv() {
    const chart = this.#chart;
    const provider = this.activeProvider;
    if (!chart?.chartId || !provider?.exportChartCsv) return;
    const { range, filters, version } = chart.query ?? {};
    await this.#run('CSV', async () => {
      const blob = await provider.exportChartCsv!({
        chartId: chart.chartId!,
        range,
        filters,
        version,
        shareToken: this.shareToken,
      });
      saveBlob(blob, fileName(this.#title, 'csv'));
    });
  }

  async #run(what: string, task: () => Promise<void>) {
    this.open = false;
    this.busy = what;
    this.message = `Preparing ${what}…`;
    try {
      await task();
      this.message = `${what} downloaded.`;
    } catch (e) {
      this.message = `${what} failed: ${this.fail(e, `export-${what.toLowerCase()}`).message}`;
    } finally {
      this.busy = '';
    }
  }

  #pick(column: string, value: Cell) {
    const chart = this.#chart;
    this.open = false;
    this.picking = false;
    if (!chart?.chartId) return;
    chart.dispatchEvent(new OcpChartSelectEvent({ chartId: chart.chartId, column, value }));
    this.renderRoot.querySelector<HTMLButtonElement>('[part="button"]')?.focus();
  }

  #onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.open = false;
      this.picking = false;
      this.renderRoot.querySelector<HTMLButtonElement>('[part="button"]')?.focus();
      return;
    }
    if (!this.open || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part="item"]')];
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLButtonElement);
    items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };

  async #toggle() {
    this.open = !this.open;
    this.picking = false;
    await this.#focusFirst();
  }

  async #focusFirst() {
    if (!this.open) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[part="item"]')?.focus();
  }

  protected override render() {
    const chart = this.#chart;
    const choice = this.crossFilter && chart ? selectableValues(chart) : null;
    const csv = !!this.activeProvider?.exportChartCsv && !!chart?.chartId;
    if (!this.allowExport && !choice) return nothing;
    return html`<div class="wrap" @keydown=${this.#onKey}>
      <button
        part="button"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${`Actions for ${this.#title}`}
        ?disabled=${!!this.busy}
        @click=${() => this.#toggle()}
      >⋯</button>
      ${
        this.open && this.picking && choice
          ? html`<div part="menu" role="menu" aria-label=${`Filter the other charts by ${choice.column}`}>
              ${choice.values.map(
                (
                  v,
                ) => html`<button part="item" role="menuitem" type="button" @click=${() => this.#pick(choice.column, v)}>
                  ${v === null ? '(empty)' : String(v)}
                </button>`,
              )}
            </div>`
          : this.open
            ? html`<div part="menu" role="menu" aria-label=${`Actions for ${this.#title}`}>
              ${
                this.allowExport
                  ? html`<button part="item" role="menuitem" type="button" @click=${() => this.#image('png')}>Download PNG</button>
                    <button part="item" role="menuitem" type="button" @click=${() => this.#image('svg')}>Download SVG</button>
                    ${csv ? html`<button part="item" role="menuitem" type="button" @click=${() => this.#csv()}>Download data (CSV)</button>` : nothing}`
                  : nothing
              }
              ${
                choice
                  ? html`<button part="item" role="menuitem" type="button" @click=${() => {
                      this.picking = true;
                      void this.#focusFirst();
                    }}>Filter others by ${choice.column}…</button>`
                  : nothing
              }
            </div>`
            : nothing
      }
      <span class="visually-hidden" role="status">${this.message}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-chart-menu': OcpChartMenu;
  }
}
