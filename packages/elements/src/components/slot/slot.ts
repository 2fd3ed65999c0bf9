import type { SlotConstraints } from '@ocp/contract';
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { OcpPlaceRejectedEvent } from '../../events/place-rejected.js';
import { OcpPlaceRequestEvent } from '../../events/place-request.js';
import { type OcpDraggedChart, peekDragChartType, readDragData } from '../../internal/drag-data.js';
import { OcpElement } from '../../internal/ocp-element.js';
import { refusalReason, slotAllowsChartType } from '../../internal/slot-rules.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './slot.styles.js';

/**
 * @summary One slot of a template: a frame for its chart and, in edit mode, a drop target that accepts only the
 * chart types its `constraints` allow, with visible feedback while a chart is dragged over it.
 *
 * @description `<ocp-template-grid>` creates one per template slot; its child is the placed chart. In edit mode a
 * chart dragged over it (or armed by keyboard placement) is checked against `constraints` before it may land:
 * an allowed one fires `ocp-place-request`, a refused one `ocp-place-rejected` and a message saying why. In view
 * mode an empty slot is blank.
 *
 * @slot - The slot's content (an `<ocp-chart>`, `<ocp-metric>` or `<ocp-text>`).
 *
 * @event {OcpPlaceRequestEvent} ocp-place-request - A chart of an allowed type was dropped here.
 * @event {OcpPlaceRejectedEvent} ocp-place-rejected - A chart of a type this slot does not allow was dropped here.
 *
 * @csspart base - The slot's frame.
 * @csspart empty - The placeholder of an empty slot (edit mode; in view mode an empty slot is blank).
 * @csspart feedback - The message shown when a chart is refused (or accepted).
 *
 * @cssproperty [--drop-accept-color=var(--ocp-color-success)] - Outline while an allowed chart is over the slot.
 * @cssproperty [--drop-reject-color=var(--ocp-color-danger)] - Outline and message colour for a refused chart.
 *
 * @cssstate drop-state - Reflected as `drop-state="accept|reject"` while a chart is dragged over.
 * @cssstate armed - Reflected while keyboard placement targets this slot.
 */
@customElement('ocp-slot')
export class OcpSlot extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The template slot's key, e.g. `hero`. */
  @property({ attribute: 'slot-key', reflect: true }) slotKey = '';

  /** The template slot's id. */
  @property({ attribute: 'slot-id' }) slotId = '';

  /** `chart`, `metric` or `text`. */
  @property({ attribute: 'slot-type' }) slotType = 'chart';

  /** Which chart types the slot accepts (`allowedChartTypes`; none means any). */
  @property({ attribute: false }) constraints: SlotConstraints = {};

  /** `edit` makes the slot a drop target. */
  @property({ reflect: true }) mode: 'view' | 'edit' = 'view';

  /** Accessible name; defaults to "Slot <slot-key>". */
  @property() label?: string;

  /** Reflects whether content is slotted in. */
  @property({ type: Boolean, reflect: true }) occupied = false;

  /** Reflects drag feedback: `accept` or `reject` while a chart is over the slot. */
  @property({ attribute: 'drop-state', reflect: true }) dropState?: 'accept' | 'reject';

  /** Reflects that keyboard placement currently targets this slot. */
  @property({ type: Boolean, reflect: true }) armed = false;

  @state() private feedback?: { text: string; kind: 'accept' | 'reject' };
  #feedbackTimer = 0;
  #dragDepth = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('dragenter', this.#onDragEnter);
    this.addEventListener('dragover', this.#onDragOver);
    this.addEventListener('dragleave', this.#onDragLeave);
    this.addEventListener('drop', this.#onDrop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#feedbackTimer);
  }

  /** Whether this slot's constraints allow a chart type. */
  accepts(chartType: string): boolean {
    return slotAllowsChartType(this.constraints, chartType);
  }

  /** Shows a message over the slot for a few seconds (used for refusals, also by `<ocp-dashboard>`). */
  showFeedback(text: string, kind: 'accept' | 'reject' = 'reject', ms = 4000): void {
    this.feedback = { text, kind };
    clearTimeout(this.#feedbackTimer);
    this.#feedbackTimer = window.setTimeout(() => {
      this.feedback = undefined;
    }, ms);
  }

  /** Asks to place `chart` here: refuses with feedback when the type is not allowed. Returns whether it was accepted. */
  offer(chart: OcpDraggedChart, via: 'drag' | 'keyboard'): boolean {
    if (!this.accepts(chart.chartType)) {
      const reason = refusalReason(this.constraints, chart.chartType);
      this.showFeedback(reason);
      this.emit(new OcpPlaceRejectedEvent({ slotKey: this.slotKey, chart, reason }));
      return false;
    }
    this.emit(new OcpPlaceRequestEvent({ slotKey: this.slotKey, slotId: this.slotId, chart, via }));
    return true;
  }

  #onDragEnter = (e: DragEvent) => {
    if (this.mode !== 'edit') return;
    const type = peekDragChartType(e.dataTransfer);
    if (type === null) return;
    this.#dragDepth++;
    this.dropState = this.accepts(type) ? 'accept' : 'reject';
    if (this.dropState === 'reject') this.showFeedback(refusalReason(this.constraints, type), 'reject', 60_000);
  };

  #onDragOver = (e: DragEvent) => {
    if (this.mode !== 'edit') return;
    const type = peekDragChartType(e.dataTransfer);
    if (type === null) return;
    const ok = this.accepts(type);
    this.dropState = ok ? 'accept' : 'reject';
    // Only an accepting slot cancels dragover, which is what makes the browser allow the drop.
    if (ok) {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    } else if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
  };

  #onDragLeave = () => {
    if (this.mode !== 'edit' || this.#dragDepth === 0) return;
    this.#dragDepth = Math.max(0, this.#dragDepth - 1);
    if (this.#dragDepth > 0) return;
    if (this.dropState === 'reject') this.feedback = undefined;
    this.dropState = undefined;
  };

  #onDrop = (e: DragEvent) => {
    if (this.mode !== 'edit') return;
    const chart = readDragData(e.dataTransfer);
    this.#dragDepth = 0;
    this.dropState = undefined;
    if (!chart) return;
    e.preventDefault();
    this.offer(chart, 'drag');
  };

  #onSlotChange = (e: Event) => {
    this.occupied = (e.target as HTMLSlotElement).assignedElements({ flatten: true }).length > 0;
  };

  protected override render() {
    const allowed = this.constraints.allowedChartTypes;
    const name = this.label ?? `Slot ${this.slotKey}`;
    return html`<div part="base" role="group" aria-label=${name}>
      <slot @slotchange=${this.#onSlotChange}></slot>
      ${
        // Readers see an empty slot as blank space; the placeholder is an editing aid.
        this.occupied || this.mode !== 'edit'
          ? null
          : html`<div part="empty" class="state">
              <span>Drop a chart here</span>
              ${allowed?.length ? html`<span class="hint">Accepts: ${allowed.join(', ')}</span>` : null}
            </div>`
      }
      <div part="feedback" class=${this.feedback?.kind ?? ''} role="status" ?hidden=${!this.feedback}>${this.feedback?.text ?? ''}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-slot': OcpSlot;
  }
}
