import type {
  DashboardDetail,
  DashboardEvent,
  DataFilter,
  OcpDataProvider,
  OcpProviderError,
  PlacementView,
  SharingPermissions,
  TabView,
  TimeRangeSpec,
} from '@ocp/contract';
import { html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { OcpChartPickEvent } from '../../events/chart-pick.js';
import { OcpChartPlacedEvent } from '../../events/chart-placed.js';
import type { OcpChartSelectEvent } from '../../events/chart-select.js';
import { OcpDashboardChangeEvent } from '../../events/dashboard-change.js';
import { OcpDashboardLoadEvent } from '../../events/dashboard-load.js';
import { OcpFiltersChangeEvent } from '../../events/filters-change.js';
import type { OcpPlaceRequestEvent } from '../../events/place-request.js';
import { OcpPlacementRemovedEvent } from '../../events/placement-removed.js';
import type { OcpTabChangeEvent } from '../../events/tab-change.js';
import { OcpTimeRangeChangeEvent } from '../../events/time-range-change.js';
import type { OcpDraggedChart } from '../../internal/drag-data.js';
import { applyEvent } from '../../internal/live-events.js';
import { type LoadState, OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import type { OcpChart } from '../chart/chart.js';
import type { OcpTemplateGrid } from '../template-grid/template-grid.js';
import '../chart/chart.js';
import '../chart-menu/chart-menu.js';
import '../filter-bar/filter-bar.js';
import '../time-range/time-range.js';
import { dashboardPdf, dashboardPng } from '../../internal/export/dashboard-image.js';
import { fileName, saveBlob } from '../../internal/export/download.js';
import { bucketAround, crossFilters, type DrillLevel, drillOf, interactivityOf, queryFor } from './interactivity.js';
import { type CrossFilter, readViewState, writeViewState } from './view-state.js';
import '../metric/metric.js';
import '../tabs/tabs.js';
import '../template-grid/template-grid.js';
import '../text/text.js';
import styles from './dashboard.styles.js';

const METRIC_TYPES = new Set(['metric', 'indicator']);

/**
 * @summary A whole dashboard: its tabs, each tab's template grid and the charts placed in it, loaded through an
 * `OcpDataProvider`. In edit mode charts can be dragged (or placed with the keyboard) into slots.
 *
 * @description Load by `dashboard-id` (provider.getDashboard) or by `share-token` (provider.resolveShare, always
 * read-only). Live changes arrive through `provider.subscribeDashboard` when the provider has it. In edit mode an
 * `ocp-chart-pick` event anywhere on the page (from `<ocp-workspace>` or `<ocp-chat-panel>`) starts keyboard placement.
 *
 * Every placed chart shows its title (a placement's `customizations.title` overrides the chart's) and, on demand,
 * its description (`customizations.description`). View mode is for readers: no placeholders in empty slots and no
 * editing controls.
 *
 * @event {OcpDashboardLoadEvent} ocp-dashboard-load - The dashboard loaded (or reloaded).
 * @event {OcpDashboardChangeEvent} ocp-dashboard-change - A live event or this element's own edit changed the dashboard in place.
 * @event {OcpTabChangeEvent} ocp-tab-change - From the tabs: the user chose another tab.
 * @event {OcpChartPlacedEvent} ocp-chart-placed - A chart was placed in a slot through the provider.
 * @event {OcpPlaceRejectedEvent} ocp-place-rejected - A slot refused a chart.
 * @event {OcpPlacementRemovedEvent} ocp-placement-removed - A chart was taken off a slot from its toolbar (with what an undo needs).
 * @event {OcpErrorEvent} ocp-error - A provider call failed.
 * @event {OcpTimeRangeChangeEvent} ocp-time-range-change - The viewer changed the time range.
 * @event {OcpFiltersChangeEvent} ocp-filters-change - The viewer changed a filter or the cross-filter (all of them in `detail.filters`).
 *
 * Interactivity (docs/interactivity.md): a time range and filters above the tabs (`settings.timeRange`,
 * `settings.filters`), cross-filtering by clicking a bar, slice or series (a chip clears it), drill-down where a
 * placement declares `customizations.drill` (breadcrumbs lead back), pinned placements
 * (`customizations.pinnedVersion`), and downloads of the visible tab as PNG or PDF. With `url-state` the viewer's
 * range, filters and cross-filter live in the page URL.
 *
 * @csspart base - The dashboard's wrapper.
 * @csspart controls - The row with the time range, filters, cross-filter chip and downloads.
 * @csspart chip - The active cross-filter (a button that clears it).
 * @csspart breadcrumbs - The drill-down path.
 * @csspart drill - The drilled-into chart's frame.
 * @csspart slot-toolbar - In edit mode, the toolbar of a slot holding a chart (its editing buttons).
 * @csspart header - Title row.
 * @csspart title - The dashboard's title.
 * @csspart tabs - The `<ocp-tabs>` element.
 * @csspart grid - The `<ocp-template-grid>` of the selected tab.
 * @csspart unavailable - The "Chart not available" placeholder of a slot whose chart the dashboard may no longer show.
 * @csspart controls - The toolbar with the time range, the filters and the cross-filter chip.
 * @csspart chip - The active cross-filter, a button that clears it.
 * @csspart breadcrumbs - The drill-down path (dashboard › chart › value), each step a button back.
 * @csspart drill - The drilled-down chart in place of the grid.
 *
 * @cssproperty [--padding=calc(var(--ocp-space) * 2)] - Space around the dashboard.
 *
 * @cssstate state - Reflected as `state`: `idle`, `loading`, `ready`, `empty` or `error`.
 */
@customElement('ocp-dashboard')
export class OcpDashboard extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The dashboard to load. */
  @property({ attribute: 'dashboard-id', reflect: true }) dashboardId?: string;

  /** Load through this sharing link instead (read-only). */
  @property({ attribute: 'share-token' }) shareToken?: string;

  /** `view` or `edit` (edit needs editor rights; shared dashboards are always view). */
  @property({ reflect: true }) mode: 'view' | 'edit' = 'view';

  /** The selected tab's id (defaults to the first). */
  @property({ reflect: true }) tab?: string;

  /** Hide the title row (for embedding under the host's own header). */
  @property({ type: Boolean, attribute: 'hide-header' }) hideHeader = false;

  /** Charts are pictures only: no hover, zoom or mode bar (tabs still switch). */
  @property({ type: Boolean, attribute: 'static-plots' }) staticPlots = false;

  /** Where loading stands, reflected for styling (`:host([state='error'])`): `idle`, `loading`, `ready`, `empty` or `error`. Set by the element. */
  @property({ reflect: true }) state: LoadState = 'idle';

  /** The viewer's time range; unset: the dashboard's default (`settings.timeRange`). */
  @property({ attribute: false }) range?: TimeRangeSpec;

  /** The viewer's dashboard filters (`settings.filters` declares which). */
  @property({ attribute: false }) filters: DataFilter[] = [];

  /** The active cross-filter: a value clicked in one chart, filtering the others. */
  @property({ attribute: false }) crossFilter?: CrossFilter;

  /** IANA time zone for relative ranges (`now/d`): the user's profile time zone; default the browser's. */
  @property() timezone?: string;

  /** Keep the range, filters and cross-filter in the page URL (shareable; the back button undoes changes). */
  @property({ type: Boolean, attribute: 'url-state' }) urlState = false;

  /** Hide the time range, filters and export controls. */
  @property({ type: Boolean, attribute: 'hide-controls' }) hideControls = false;

  /** What a sharing link grants (set when loaded by `share-token`): export, locked range and filters. */
  @state() permissions?: SharingPermissions;
  /** The drill-down path below the dashboard (empty: the dashboard itself). */
  @state() drill: DrillLevel[] = [];
  @state() private exporting = '';

  /** The loaded dashboard. */
  @state() dashboard?: DashboardDetail;
  @state() private error?: OcpProviderError;

  @query('ocp-template-grid') private grid?: OcpTemplateGrid;
  #unsubscribe?: () => void;
  /** What the live subscription is for: a reload of the same dashboard keeps it (no gap, no new connection). */
  #subscribed?: { dashboardId: string; provider: OcpDataProvider };
  #loadSeq = 0;
  #reloadTimer = 0;

  get #editable(): boolean {
    return (
      this.mode === 'edit' && !this.shareToken && this.dashboard?.role !== 'public' && this.dashboard?.role !== 'viewer'
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener('ocp-chart-pick', this.#onPick);
    if (this.urlState) {
      window.addEventListener('popstate', this.#onPopState);
      this.#readUrl();
    }
    // Moved in the DOM: live updates resume (the dashboard is reloaded by the first event, if any).
    if (this.dashboard) this.#subscribe(this.dashboard.id);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('ocp-chart-pick', this.#onPick);
    window.removeEventListener('popstate', this.#onPopState);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribed = undefined;
    clearTimeout(this.#reloadTimer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('dashboardId') || changed.has('shareToken') || changed.has('provider')) void this.reload();
  }

  /** (Re)loads the dashboard from the provider. */
  async reload(): Promise<void> {
    const provider = this.activeProvider;
    if (!provider || (!this.dashboardId && !this.shareToken)) {
      this.state = 'idle';
      return;
    }
    const seq = ++this.#loadSeq;
    if (!this.dashboard) this.state = 'loading';
    try {
      let dashboard: DashboardDetail;
      let permissions: SharingPermissions | undefined;
      if (this.shareToken) {
        const shared = await provider.resolveShare(this.shareToken);
        if (shared.resourceType !== 'dashboard') throw new Error('This link does not share a dashboard.');
        dashboard = shared.dashboard;
        permissions = shared.permissions;
      } else dashboard = await provider.getDashboard(this.dashboardId!);
      this.permissions = permissions;
      if (seq !== this.#loadSeq) return;
      this.dashboard = dashboard;
      this.error = undefined;
      this.state = dashboard.tabs.length ? 'ready' : 'empty';
      this.#subscribe(dashboard.id);
      this.emit(new OcpDashboardLoadEvent({ dashboard }));
    } catch (e) {
      if (seq !== this.#loadSeq) return;
      this.error = this.fail(e, this.shareToken ? 'resolveShare' : 'getDashboard');
      this.dashboard = undefined;
      this.state = 'error';
    }
  }

  #subscribe(dashboardId: string): void {
    const provider = this.activeProvider;
    if (this.#subscribed?.dashboardId === dashboardId && this.#subscribed.provider === provider) return;
    this.#unsubscribe?.();
    this.#subscribed = provider ? { dashboardId, provider } : undefined;
    this.#unsubscribe = provider?.subscribeDashboard?.(dashboardId, (event) => this.#apply(event));
  }

  /**
   * Applies a live event to the one placement, tab or title it names (events carry the change); only a restore, a
   * resync or an event this element cannot place reloads, and bursts of those cause one reload. A chart's data is
   * fetched again only when the event says it changed.
   */
  #apply(event: DashboardEvent): void {
    const dashboard = this.dashboard;
    if (!dashboard || event.dashboardId !== dashboard.id) return;
    const next = applyEvent(dashboard, event);
    if (next === 'reload') {
      clearTimeout(this.#reloadTimer);
      this.#reloadTimer = window.setTimeout(() => void this.reload(), 50);
      return;
    }
    if (next === dashboard) return;
    this.dashboard = next;
    this.state = next.tabs.length ? 'ready' : 'empty';
    if (event.type === 'chart' && event.action === 'updated' && event.dataChanged) {
      // A chart whose trace templates changed fetches again by itself; one whose source changed is told to.
      const before = dashboard.tabs.flatMap((t) => t.placements).find((p) => p.chartId === event.chartId)?.chart;
      const templates = JSON.stringify(before?.plotlyConfig.data) !== JSON.stringify(event.chart?.plotlyConfig.data);
      void this.updateComplete.then(() => {
        const id = CSS.escape(event.chartId);
        const selector = templates
          ? `ocp-metric[chart-id="${id}"]`
          : `ocp-chart[chart-id="${id}"], ocp-metric[chart-id="${id}"]`;
        for (const el of this.renderRoot.querySelectorAll<HTMLElement & { refresh(): void }>(selector)) el.refresh();
      });
    }
    this.emit(new OcpDashboardChangeEvent({ dashboard: next }));
  }

  get #tab(): TabView | undefined {
    const tabs = this.dashboard?.tabs ?? [];
    return tabs.find((t) => t.id === this.tab) ?? tabs[0];
  }

  /** Starts keyboard placement of a chart in the current tab (edit mode only). */
  async startPlacement(chart: OcpDraggedChart): Promise<void> {
    if (!this.#editable) return;
    await this.updateComplete;
    await this.grid?.startPlacement(chart);
  }

  #onPick = (e: OcpChartPickEvent) => {
    void this.startPlacement(e.detail.chart);
  };

  #onTabChange = (e: OcpTabChangeEvent) => {
    if (!e.defaultPrevented) this.tab = e.detail.tabId;
  };

  #onPlaceRequest = async (e: OcpPlaceRequestEvent) => {
    const provider = this.activeProvider;
    const tab = this.#tab;
    if (!provider || !tab || !this.#editable || e.defaultPrevented) return;
    e.preventDefault();
    const { slotKey, chart } = e.detail;
    const slot = this.grid?.slotElement(slotKey);
    try {
      // Dropping on an occupied slot replaces its chart, in one call: a failure leaves the old chart in place.
      const replace = tab.placements.some((p) => p.slotKey === slotKey);
      const placement = await provider.placeChart({ tabId: tab.id, slotKey, chartId: chart.chartId, replace });
      this.#applyPlacement(tab.id, placement);
      slot?.showFeedback(`Placed ${chart.title}`, 'accept', 2000);
      this.grid?.announce(`${chart.title} placed in slot ${slotKey}.`);
      this.emit(new OcpChartPlacedEvent({ tabId: tab.id, slotKey, chartId: chart.chartId, placement }));
    } catch (err) {
      const error = this.fail(err, 'placeChart');
      slot?.showFeedback(error.message);
      this.grid?.announce(`Could not place ${chart.title}: ${error.message}`);
      await this.reload();
    }
  };

  #applyPlacement(tabId: string, placement: PlacementView): void {
    if (!this.dashboard) return;
    this.dashboard = {
      ...this.dashboard,
      tabs: this.dashboard.tabs.map((t) =>
        t.id === tabId
          ? { ...t, placements: [...t.placements.filter((p) => p.slotKey !== placement.slotKey), placement] }
          : t,
      ),
    };
    this.emit(new OcpDashboardChangeEvent({ dashboard: this.dashboard }));
  }

  async #remove(tabId: string, placement: PlacementView): Promise<void> {
    try {
      await this.activeProvider?.removePlacement(placement.id);
      if (!this.dashboard) return;
      this.dashboard = {
        ...this.dashboard,
        tabs: this.dashboard.tabs.map((t) =>
          t.id === tabId ? { ...t, placements: t.placements.filter((p) => p.id !== placement.id) } : t,
        ),
      };
      this.emit(new OcpDashboardChangeEvent({ dashboard: this.dashboard }));
      this.emit(
        new OcpPlacementRemovedEvent({ tabId, slotKey: placement.slotKey, chartId: placement.chartId, placement }),
      );
    } catch (e) {
      this.fail(e, 'removePlacement');
    }
  }

  #content(tab: TabView, p: PlacementView) {
    const slot = tab.template.slots.find((s) => s.slotKey === p.slotKey);
    const { title, description } = placementTitle(p);
    // A slot toolbar in the title row's corner (clear of the plot and its axis labels) holds the slot's actions.
    const remove = this.#editable
      ? html`<div class="slot-toolbar" part="slot-toolbar" slot=${p.slotKey} role="toolbar" aria-label=${`Slot ${p.slotKey}`}>
          <button class="remove" aria-label=${`Remove ${p.chart?.title ?? 'unavailable chart'}`} title="Take this chart off the slot (it stays in the workspace)" @click=${() => this.#remove(tab.id, p)}>Remove</button>
        </div>`
      : null;
    // The dashboard's owner may no longer read the chart: the server sent no title, config or data.
    if (p.unavailable) {
      return html`<div slot=${p.slotKey} part="unavailable" class="unavailable" role="note" aria-label="Chart not available">
          <strong>Chart not available</strong>
          <span>It was made private, moved, or this dashboard's owner lost access to it.</span>
        </div>${remove}`;
    }
    if (slot?.slotType === 'text' || p.chart.chartType === 'text') {
      const text = typeof p.customizations.text === 'string' ? p.customizations.text : (p.chart.description ?? '');
      return html`<ocp-text slot=${p.slotKey} heading=${title} text=${text}></ocp-text>${remove}`;
    }
    if (slot?.slotType === 'metric' || METRIC_TYPES.has(p.chart.chartType)) {
      return html`<ocp-metric
          slot=${p.slotKey}
          chart-id=${p.chartId}
          .chart=${p.chart}
          label=${title}
          .provider=${this.activeProvider}
          share-token=${this.shareToken ?? ''}
        ></ocp-metric>${remove}`;
    }
    return html`<ocp-chart
        slot=${p.slotKey}
        chart-id=${p.chartId}
        class=${remove ? 'removable' : ''}
        .chart=${p.chart}
        heading=${title}
        description=${description}
        ?static-plot=${this.staticPlots}
        .query=${queryFor(p, this.effectiveRange, this.filters, this.crossFilter)}
        .provider=${this.activeProvider}
        .shareToken=${this.shareToken}
        @ocp-chart-select=${this.#onSelect}
      >${
        this.staticPlots
          ? null
          : html`<ocp-chart-menu
              slot="actions"
              ?allow-export=${!this.shareToken || !!this.permissions?.allowExport}
              ?cross-filter=${crossFilters(interactivityOf(this.dashboard), p) || !!drillOf(p)}
              share-token=${this.shareToken ?? ''}
              .provider=${this.activeProvider}
            ></ocp-chart-menu>`
      }</ocp-chart>${remove}`;
  }

  /** The range charts follow: a link's lock, else the viewer's choice, else the dashboard's default. */
  get effectiveRange(): TimeRangeSpec | undefined {
    const range = this.permissions?.lockedRange ?? this.range ?? interactivityOf(this.dashboard).timeRange;
    return range && this.timezone && !range.timezone ? { ...range, timezone: this.timezone } : range;
  }

  #onPopState = () => this.#readUrl();

  #readUrl(): void {
    const view = readViewState(location.search);
    this.range = view.range;
    this.filters = view.filters;
    this.crossFilter = view.cross;
  }

  /** A viewer's change: into the URL (one history entry each, so Back undoes it) and out as an event. */
  #viewChanged(kind: 'range' | 'filters'): void {
    if (this.urlState) {
      const search = writeViewState(location.search, {
        range: this.range,
        filters: this.filters,
        cross: this.crossFilter,
      });
      if (search !== location.search)
        history.pushState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }
    if (kind === 'range') this.emit(new OcpTimeRangeChangeEvent({ range: this.range }));
    else this.emit(new OcpFiltersChangeEvent({ filters: this.#allFilters() }));
  }

  #allFilters(): DataFilter[] {
    const cross = this.crossFilter;
    return cross ? [...this.filters, { column: cross.column, values: [cross.value] }] : this.filters;
  }

  #onRange = (e: OcpTimeRangeChangeEvent) => {
    e.stopPropagation();
    this.range = e.detail.range;
    this.#viewChanged('range');
  };

  #onFilters = (e: OcpFiltersChangeEvent) => {
    e.stopPropagation();
    this.filters = e.detail.filters;
    this.#viewChanged('filters');
  };

  /** Clears the cross-filter (the chip's ✕). */
  clearCrossFilter(): void {
    if (!this.crossFilter) return;
    this.crossFilter = undefined;
    this.#viewChanged('filters');
  }

  /** A click (or the keyboard menu) in a chart: drill down where the placement says so, else cross-filter. */
  #onSelect = (e: OcpChartSelectEvent) => {
    if (e.defaultPrevented || !this.dashboard) return;
    const placements = this.dashboard.tabs.flatMap((t) => t.placements);
    const level = this.drill.at(-1);
    const p =
      level?.placement.chartId === e.detail.chartId
        ? level.placement
        : placements.find((x) => x.chartId === e.detail.chartId);
    if (!p || p.unavailable) return;
    const chart = e.composedPath().find((n): n is OcpChart => (n as Element).localName === 'ocp-chart');
    const timeBased = !!chart?.data?.meta.timeBased && e.detail.column === chart.data.meta.x;
    const drill = drillOf(p);
    if (drill) {
      e.preventDefault();
      const base = level?.filters ?? [];
      if ('time' in drill) {
        if (!timeBased) return;
        const trace = chart?.data?.traces.find((t) => Array.isArray(t.x) && (t.x as unknown[]).includes(e.detail.x));
        const range = bucketAround(e.detail.x ?? e.detail.value, trace?.x as unknown[] | undefined);
        if (!range) return;
        this.drill = [
          ...this.drill,
          { placement: p, label: `${String(range.from).slice(0, 16).replace('T', ' ')}`, filters: base, range },
        ];
      } else {
        const target = placements.find((x) => x.chartId === drill.chartId && !x.unavailable);
        if (!target || timeBased) return;
        const filters = [...base, { column: e.detail.column, values: [e.detail.value] }];
        this.drill = [
          ...this.drill,
          { placement: target, label: `${e.detail.column}: ${String(e.detail.value)}`, filters, range: level?.range },
        ];
      }
      return;
    }
    if (timeBased || this.drill.length || !crossFilters(interactivityOf(this.dashboard), p)) return;
    e.preventDefault();
    const same =
      this.crossFilter?.chartId === p.chartId &&
      this.crossFilter.column === e.detail.column &&
      this.crossFilter.value === e.detail.value;
    // Clicking the selected value again clears it, as in the tools people know.
    this.crossFilter = same ? undefined : { chartId: p.chartId, column: e.detail.column, value: e.detail.value };
    this.#viewChanged('filters');
  };

  async #exportDashboard(format: 'png' | 'pdf'): Promise<void> {
    const area = this.grid;
    const d = this.dashboard;
    if (!area || !d) return;
    this.exporting = format.toUpperCase();
    try {
      const charts = [...area.querySelectorAll('ocp-chart')];
      await Promise.all(charts.map((c) => c.settled()));
      const style = getComputedStyle(this);
      const picture = {
        title: `${d.title} — ${this.#tab?.title ?? ''}`,
        area,
        charts,
        background: style.getPropertyValue('--_color-surface').trim() || '#ffffff',
        color: style.color,
      };
      const blob = format === 'png' ? await dashboardPng(picture) : await dashboardPdf(picture);
      saveBlob(blob, fileName(`${d.title} ${this.#tab?.title ?? ''}`, format, 'dashboard'));
    } catch (err) {
      this.fail(err, `export-${format}`);
    } finally {
      this.exporting = '';
    }
  }

  #renderControls(d: DashboardDetail) {
    if (this.hideControls) return null;
    const settings = interactivityOf(d);
    const locks = this.permissions;
    const allowExport = !this.shareToken || !!locks?.allowExport;
    const cross = this.crossFilter;
    const chartIds = d.tabs.flatMap((t) => t.placements.filter((p) => !p.unavailable).map((p) => p.chartId));
    return html`<div part="controls" role="toolbar" aria-label="Dashboard controls">
      <ocp-time-range
        .value=${this.effectiveRange}
        timezone=${this.timezone ?? ''}
        ?locked=${!!locks?.lockedRange}
        @ocp-time-range-change=${this.#onRange}
      ></ocp-time-range>
      <ocp-filter-bar
        .definitions=${settings.filters}
        .value=${this.filters}
        .chartIds=${chartIds}
        .locked=${locks?.lockedFilters ?? []}
        .provider=${this.activeProvider}
        share-token=${this.shareToken ?? ''}
        @ocp-filters-change=${this.#onFilters}
      ></ocp-filter-bar>
      ${
        cross
          ? html`<button part="chip" class="chip" type="button" aria-label=${`Clear the cross-filter ${cross.column}: ${String(cross.value)}`} @click=${() => this.clearCrossFilter()}>
              <span>${cross.column}: <strong>${String(cross.value)}</strong></span><span aria-hidden="true">✕</span>
            </button>`
          : null
      }
      ${
        allowExport
          ? html`<span class="exports">
              <button type="button" aria-label="Download this tab as PNG" ?disabled=${!!this.exporting} @click=${() => this.#exportDashboard('png')}>PNG</button>
              <button type="button" aria-label="Download this tab as PDF" ?disabled=${!!this.exporting} @click=${() => this.#exportDashboard('pdf')}>PDF</button>
              <span class="visually-hidden" role="status">${this.exporting ? `Preparing ${this.exporting}…` : ''}</span>
            </span>`
          : null
      }
    </div>`;
  }

  #renderDrill(level: DrillLevel) {
    const p = level.placement;
    if (p.unavailable) return null;
    const { title } = placementTitle(p);
    const crumbs = [
      { label: this.dashboard?.title ?? 'Dashboard' },
      ...this.drill.map((l) => ({ label: `${placementTitle(l.placement).title} › ${l.label}` })),
    ];
    return html`<nav part="breadcrumbs" aria-label="Drill-down">
        <ol>
          ${crumbs.map((c, i) =>
            i === crumbs.length - 1
              ? html`<li aria-current="page">${c.label}</li>`
              : html`<li><button type="button" @click=${() => {
                  this.drill = this.drill.slice(0, i);
                }}>${c.label}</button></li>`,
          )}
        </ol>
      </nav>
      <div class="drill" part="drill">
        <ocp-chart
          chart-id=${p.chartId}
          .chart=${p.chart}
          heading=${`${title} — ${level.label}`}
          .query=${queryFor(p, level.range ?? this.effectiveRange, this.filters, undefined, level.filters)}
          .provider=${this.activeProvider}
          .shareToken=${this.shareToken}
          @ocp-chart-select=${this.#onSelect}
        ><ocp-chart-menu slot="actions" ?allow-export=${!this.shareToken || !!this.permissions?.allowExport} share-token=${this.shareToken ?? ''} .provider=${this.activeProvider}></ocp-chart-menu></ocp-chart>
      </div>`;
  }

  protected override render() {
    if (this.state === 'loading' || (this.state === 'idle' && (this.dashboardId || this.shareToken)))
      return html`<div part="base" role="status" aria-label="Loading dashboard">
        <div class="skeleton-grid"><div class="skeleton"></div><div class="skeleton"></div><div class="skeleton"></div><div class="skeleton"></div></div>
      </div>`;
    if (this.state === 'error')
      return html`<div part="base" class="state error" role="alert">
        <span>${this.errorText(this.error)}</span>
        <button @click=${() => this.reload()}>Retry</button>
      </div>`;
    const d = this.dashboard;
    if (!d) return html`<div part="base" class="state">No dashboard selected.</div>`;
    const tab = this.#tab;
    return html`<div part="base">
      ${
        this.hideHeader
          ? null
          : html`<header part="header">
              <h2 part="title">${d.title}</h2>
              ${d.description ? html`<p class="description">${d.description}</p>` : null}
              ${this.#editable ? html`<span class="badge">Editing</span>` : null}
            </header>`
      }
      ${this.#renderControls(d)}
      ${
        this.drill.length
          ? this.#renderDrill(this.drill.at(-1)!)
          : !tab
            ? html`<div class="state">This dashboard has no tabs yet.</div>`
            : html`<ocp-tabs
              part="tabs"
              .tabs=${d.tabs.map((t) => ({ id: t.id, title: t.title }))}
              selected=${tab.id}
              label=${`${d.title} tabs`}
              @ocp-tab-change=${this.#onTabChange}
            >
              <ocp-template-grid
                part="grid"
                .layout=${tab.template.layoutConfig}
                .slots=${tab.template.slots}
                mode=${this.#editable ? 'edit' : 'view'}
                @ocp-place-request=${this.#onPlaceRequest}
              >
                ${repeat(
                  tab.placements,
                  (p) => p.id,
                  (p) => this.#content(tab, p),
                )}
              </ocp-template-grid>
            </ocp-tabs>`
      }
    </div>`;
  }
}

/** A placement's title and description: its own (`customizations.title`, `.description`), else its chart's. */
function placementTitle(p: PlacementView): { title: string; description: string } {
  const own = (key: string) => {
    const value = p.customizations[key];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  return {
    title: own('title') ?? p.chart?.title ?? '',
    description: own('description') ?? p.chart?.description ?? '',
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-dashboard': OcpDashboard;
  }
}
