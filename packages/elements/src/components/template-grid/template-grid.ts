import type { LayoutConfig, TemplateSlotView } from '@ocp/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { OcpDraggedChart } from '../../internal/drag-data.js';
import { activeBreakpoint, type Direction, exactColumns, neighbour, placeSlots } from '../../internal/grid-geometry.js';
import { OcpElement } from '../../internal/ocp-element.js';
import { refusalReason } from '../../internal/slot-rules.js';
import { themeStyles } from '../../internal/theme.styles.js';
import type { OcpSlot } from '../slot/slot.js';
import '../slot/slot.js';
import styles from './template-grid.styles.js';

const KEYS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/**
 * @summary Lays out a template's slots as a CSS grid from its `layout_config` and each slot's `position_config`,
 * responsive to its own width (not the window's) through the layout's `breakpoints`.
 *
 * @description Content goes in light DOM children whose `slot` attribute is the slot key
 * (`<ocp-chart slot="hero">`). In edit mode the grid also runs keyboard placement: after `startPlacement(chart)`
 * the arrow keys move between slots, Enter places, Escape cancels, and each step is announced in a live region.
 *
 * @slot [slot-key] - One named slot per template slot, e.g. `hero`, `kpi-1`.
 *
 * @event {OcpPlaceRequestEvent} ocp-place-request - A chart was dropped on, or placed with Enter into, an accepting slot.
 * @event {OcpPlaceRejectedEvent} ocp-place-rejected - A slot refused a chart.
 *
 * @csspart base - The grid container.
 * @csspart slot - Each `<ocp-slot>`.
 * @csspart slot-base - A slot's frame (its `base` part, forwarded).
 * @csspart slot-empty - An empty slot's placeholder in edit mode (its `empty` part, forwarded).
 * @csspart slot-feedback - A slot's refused/accepted message (its `feedback` part, forwarded).
 * @csspart live-region - The visually hidden announcer.
 *
 * @cssstate breakpoint - Reflected as the `breakpoint` attribute: the active breakpoint's name.
 */
@customElement('ocp-template-grid')
export class OcpTemplateGrid extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The template's `layout_config`: columns, rowHeight, gap, breakpoints. */
  @property({ attribute: false }) layout: LayoutConfig = { columns: 12, rowHeight: 80, gap: 12 };

  /** The template's slots with their `position_config` and `constraints`. */
  @property({ attribute: false }) slots: TemplateSlotView[] = [];

  /** `edit` turns slots into drop targets and enables keyboard placement. */
  @property({ reflect: true }) mode: 'view' | 'edit' = 'view';

  /** The active breakpoint's name (reflected; absent when no breakpoint matches). */
  @property({ reflect: true }) breakpoint?: string;

  /** The column count in use at the current width. */
  @state() columns = 12;

  /** The chart being placed with the keyboard, if any. */
  @state() placing?: OcpDraggedChart;
  @state() private armedIndex = -1;
  @state() private announcement = '';

  @query('[part="base"]') private base!: HTMLElement;
  #resize?: ResizeObserver;
  #width = 0;
  #frame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 0;
      // Zero means hidden or detached (or a transient layout, e.g. while a page is captured): keep the layout.
      if (width === 0 || width === this.#width) return;
      this.#width = width;
      // Re-laying out changes this element's height; doing it in the next frame keeps ResizeObserver out of a loop.
      cancelAnimationFrame(this.#frame);
      this.#frame = requestAnimationFrame(() => this.#applyWidth());
    });
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('layout') || changed.has('slots')) this.#applyWidth();
  }

  #applyWidth(): void {
    const width = this.#width || this.getBoundingClientRect().width;
    const bp = activeBreakpoint(this.layout, width);
    // Spans stay exact: a breakpoint's count that would round slot edges gives way to the nearest exact one above it.
    this.columns = exactColumns(
      this.layout.columns,
      this.slots.map((s) => s.positionConfig),
      bp.columns,
    );
    this.breakpoint = bp.name ?? undefined;
  }

  /** The `<ocp-slot>` elements, in `slots` order. */
  get slotElements(): OcpSlot[] {
    return Array.from(this.renderRoot.querySelectorAll<OcpSlot>('ocp-slot'));
  }

  /** The `<ocp-slot>` for a slot key. */
  slotElement(slotKey: string): OcpSlot | undefined {
    return this.slotElements.find((s) => s.slotKey === slotKey);
  }

  /** Starts keyboard placement of `chart`: focuses the first slot that accepts it. */
  async startPlacement(chart: OcpDraggedChart): Promise<void> {
    this.placing = chart;
    await this.updateComplete;
    const slots = this.slotElements;
    const first = slots.findIndex((s) => s.accepts(chart.chartType));
    this.#arm(Math.max(first, 0), `Placing ${chart.title}. Arrow keys choose a slot, Enter places, Escape cancels.`);
    this.base.focus();
  }

  /** Stops keyboard placement without placing. */
  cancelPlacement(message = 'Placement cancelled.'): void {
    if (!this.placing) return;
    this.placing = undefined;
    this.#arm(-1, message);
  }

  /** Announces a message in the grid's live region. */
  announce(message: string): void {
    // Re-setting the same text would not be announced again; a trailing no-break space makes it differ.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  #arm(index: number, message: string): void {
    this.armedIndex = index;
    const slots = this.slotElements;
    slots.forEach((s, i) => {
      s.armed = i === index;
      s.dropState = i === index && this.placing ? (s.accepts(this.placing.chartType) ? 'accept' : 'reject') : undefined;
    });
    const slot = slots[index];
    if (slot && this.placing) {
      const ok = slot.accepts(this.placing.chartType);
      const where = `Slot ${slot.slotKey}, ${ok ? 'accepts this chart' : refusalReason(slot.constraints, this.placing.chartType)}.`;
      this.announce(message ? `${message} ${where}` : where);
    } else this.announce(message);
  }

  #onKeyDown = (e: KeyboardEvent) => {
    if (!this.placing) return;
    const direction = KEYS[e.key];
    if (direction) {
      e.preventDefault();
      const areas = placeSlots(
        this.layout,
        this.slots.map((s) => s.positionConfig),
        this.columns,
      );
      this.#arm(neighbour(areas, Math.max(0, this.armedIndex), direction), '');
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const slot = this.slotElements[this.armedIndex];
      if (!slot) return;
      const chart = this.placing;
      if (slot.offer(chart, 'keyboard')) {
        this.placing = undefined;
        this.#arm(-1, `Placing ${chart.title} in slot ${slot.slotKey}.`);
      } else this.announce(refusalReason(slot.constraints, chart.chartType));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.cancelPlacement();
    }
  };

  protected override render() {
    const areas = placeSlots(
      this.layout,
      this.slots.map((s) => s.positionConfig),
      this.columns,
    );
    const gridStyle = {
      '--_columns': String(this.columns),
      '--_row-height': `${this.layout.rowHeight}px`,
      '--_gap': `${this.layout.gap}px`,
    };
    return html`<div
        part="base"
        style=${styleMap(gridStyle)}
        tabindex=${this.placing ? '0' : nothing}
        role=${this.placing ? 'application' : nothing}
        aria-label=${this.placing ? `Choose a slot for ${this.placing.title}` : nothing}
        @keydown=${this.#onKeyDown}
      >
        ${repeat(
          this.slots,
          (s) => s.id || s.slotKey,
          (s, i) => {
            const a = areas[i]!;
            return html`<ocp-slot
              part="slot"
              exportparts="base: slot-base, empty: slot-empty, feedback: slot-feedback"
              style=${`grid-column: ${a.column} / span ${a.columnSpan}; grid-row: ${a.row} / span ${a.rowSpan};`}
              slot-key=${s.slotKey}
              slot-id=${s.id}
              slot-type=${s.slotType}
              .constraints=${s.constraints ?? {}}
              mode=${this.mode}
              ><slot name=${s.slotKey}></slot
            ></ocp-slot>`;
          },
        )}
      </div>
      <div part="live-region" class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-template-grid': OcpTemplateGrid;
  }
}
