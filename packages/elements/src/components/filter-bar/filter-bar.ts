import type { Cell, DataFilter, OcpProviderError } from '@ocp/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { OcpFiltersChangeEvent } from '../../events/filters-change.js';
import { OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './filter-bar.styles.js';

/** A dashboard filter as the author declares it in `dashboards.settings.filters`. */
export interface OcpFilterDefinition {
  /** The data column (site, source, category…). */
  column: string;
  /** What the viewer reads; default: the column's name. */
  label?: string;
}

const text = (v: Cell) => (v === null ? '(empty)' : String(v));
const same = (a: Cell, b: Cell) => a === b;

/**
 * @summary Dashboard filters on a column's values: each filter lists the values found in the dashboard's charts
 * (`provider.filterValues`, permission-checked and bounded by the server) and applies to every chart whose data
 * has the column.
 *
 * @description Each filter is a disclosure button with a list of checkboxes; no value checked means no filter. Filters a
 * sharing link locks show only the values the link allows.
 *
 * @event {OcpFiltersChangeEvent} ocp-filters-change - The user changed a filter (the whole set is in `detail.filters`).
 *
 * @csspart base - The row of filters.
 * @csspart filter - One filter (a `<details>` element).
 * @csspart summary - A filter's button.
 * @csspart options - A filter's list of values.
 *
 * @cssproperty [--gap=8px] - Space between filters.
 */
@customElement('ocp-filter-bar')
export class OcpFilterBar extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The filters to offer. */
  @property({ attribute: false }) definitions: OcpFilterDefinition[] = [];

  /** The current selection (one entry per filtered column). */
  @property({ attribute: false }) value: DataFilter[] = [];

  /** Charts whose data supplies the options (the dashboard's placed charts). */
  @property({ attribute: false }) chartIds: string[] = [];

  /** Read options through this sharing link. */
  @property({ attribute: 'share-token' }) shareToken?: string;

  /** Filters a sharing link locks: only their values are offered. */
  @property({ attribute: false }) locked: DataFilter[] = [];

  @state() private options = new Map<string, Cell[]>();
  @state() private loading = new Set<string>();
  @state() private error?: OcpProviderError;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('definitions') || changed.has('chartIds') || changed.has('provider') || changed.has('shareToken')) {
      void this.#load();
    }
  }

  /** Options of every filter: the union of the values in each chart that has the column, most frequent first. */
  async #load(): Promise<void> {
    const provider = this.activeProvider;
    if (!provider?.filterValues) return;
    const columns = this.definitions.map((d) => d.column);
    this.loading = new Set(columns);
    const next = new Map<string, Cell[]>();
    try {
      await Promise.all(
        columns.map(async (column) => {
          const lists = await Promise.all(
            [...new Set(this.chartIds)].map((chartId) =>
              provider.filterValues!({ chartId, column, shareToken: this.shareToken, limit: 200 }).then(
                (r) => r.values,
                () => [] as Cell[], // a chart the viewer may no longer read contributes nothing
              ),
            ),
          );
          const union: Cell[] = [];
          for (const v of lists.flat()) if (!union.some((u) => same(u, v))) union.push(v);
          next.set(column, union);
        }),
      );
      this.error = undefined;
    } catch (e) {
      this.error = this.fail(e, 'filterValues');
    }
    this.options = next;
    this.loading = new Set();
  }

  #selected(column: string): Cell[] {
    return this.value.find((f) => f.column === column)?.values ?? [];
  }

  #set(column: string, values: Cell[]): void {
    const rest = this.value.filter((f) => f.column !== column);
    this.value = values.length ? [...rest, { column, values }] : rest;
    this.emit(new OcpFiltersChangeEvent({ filters: this.value }));
  }

  #toggle(column: string, v: Cell, on: boolean): void {
    const current = this.#selected(column);
    this.#set(column, on ? [...current, v] : current.filter((c) => !same(c, v)));
  }

  protected override render() {
    if (this.definitions.length === 0) return nothing;
    return html`<div part="base" role="group" aria-label="Filters">
      ${this.definitions.map((d) => {
        const label = d.label ?? d.column;
        const lock = this.locked.find((l) => l.column === d.column);
        const all = this.options.get(d.column) ?? [];
        const offered = lock ? all.filter((v) => lock.values.some((l) => same(l, v))) : all;
        const selected = this.#selected(d.column);
        const summary = selected.length
          ? selected.map(text).join(', ')
          : lock
            ? lock.values.map(text).join(', ')
            : 'All';
        return html`<details part="filter">
          <summary part="summary" aria-label=${`${label}: ${summary}`}>
            <span class="label">${label}</span> <span class="value">${summary}</span>${lock ? html` <span aria-hidden="true">🔒</span>` : nothing}
          </summary>
          <div part="options" role="group" aria-label=${`${label} values`}>
            ${
              this.loading.has(d.column)
                ? html`<span role="status">Loading values…</span>`
                : offered.length === 0
                  ? html`<span class="empty">${this.error ? this.errorText(this.error) : 'No values.'}</span>`
                  : offered.map(
                      (v) => html`<label><input
                          type="checkbox"
                          .checked=${selected.some((s) => same(s, v))}
                          @change=${(e: Event) => this.#toggle(d.column, v, (e.target as HTMLInputElement).checked)}
                        />${text(v)}</label>`,
                    )
            }
            ${selected.length ? html`<button type="button" @click=${() => this.#set(d.column, [])}>Clear ${label}</button>` : nothing}
          </div>
        </details>`;
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-filter-bar': OcpFilterBar;
  }
}
