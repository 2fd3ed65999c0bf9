import type { TimeRangeSpec } from '@ocp/contract';
import { describeTimeRange, resolveTimeExpr, TIME_RANGE_PRESETS } from '@ocp/contract/time-range';
import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { OcpTimeRangeChangeEvent } from '../../events/time-range-change.js';
import { OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './time-range.styles.js';

/**
 * @summary A dashboard's time range: presets (last 24 hours, 7 days, 30 days, this year…), or a custom range whose
 * ends are absolute times or relative expressions (`now-6h`, `now/d`), resolved in the viewer's time zone.
 *
 * @description The button shows the current range; it opens a panel with the presets and a custom range form. Escape closes
 * it and returns focus to the button. The element only reports the choice: `<ocp-dashboard>` applies it to every
 * time-based chart (and keeps it in the URL with `url-state`).
 *
 * @event {OcpTimeRangeChangeEvent} ocp-time-range-change - The user chose a preset, applied a custom range, or cleared it.
 *
 * @csspart base - The wrapper.
 * @csspart trigger - The button showing the current range.
 * @csspart panel - The panel with the presets and the custom form.
 * @csspart preset - Each preset button.
 * @csspart custom - The custom range form.
 *
 * @cssproperty [--panel-width=20rem] - Width of the panel.
 */
@customElement('ocp-time-range')
export class OcpTimeRange extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The selected range (ends: ISO-8601 times or relative expressions); unset: all time. */
  @property({ attribute: false }) value?: TimeRangeSpec;

  /** IANA time zone for relative ends (`now/d` is midnight there) and for showing times; default: the browser's. */
  @property() timezone?: string;

  /** Read-only: a sharing link locked the range. */
  @property({ type: Boolean, reflect: true }) locked = false;

  @state() private open = false;
  @state() private problem = '';

  @query('[part="trigger"]') private trigger!: HTMLButtonElement;
  @query('input[name="from"]') private fromInput?: HTMLInputElement;

  get #zone(): string {
    return this.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }

  #choose(range: TimeRangeSpec | undefined): void {
    this.value = range;
    this.open = false;
    this.problem = '';
    this.emit(new OcpTimeRangeChangeEvent({ range }));
    void this.updateComplete.then(() => this.trigger?.focus());
  }

  #apply = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const from = String(form.get('from') ?? '').trim();
    const to = String(form.get('to') ?? '').trim() || 'now';
    const now = Date.now();
    const a = resolveTimeExpr(from, now, this.#zone);
    const b = resolveTimeExpr(to, now, this.#zone);
    if (!from || Number.isNaN(a)) this.problem = 'From: a time (2026-01-31 08:00) or now-7d, now/d…';
    else if (Number.isNaN(b)) this.problem = 'To: a time (2026-01-31 18:00) or now, now-1h…';
    else if (a >= b) this.problem = 'From must be before To.';
    else {
      this.#choose({ from: from.replace(' ', 'T'), to: to.replace(' ', 'T'), timezone: this.#zone });
      return;
    }
    this.requestUpdate();
  };

  #toggle = async () => {
    this.open = !this.open;
    if (this.open) {
      await this.updateComplete;
      this.renderRoot
        .querySelector<HTMLButtonElement>('[part="preset"][aria-pressed="true"], [part="preset"]')
        ?.focus();
    }
  };

  #onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.open = false;
      this.trigger.focus();
    }
  };

  #onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (this.open && next && !this.renderRoot.contains(next) && !this.contains(next)) this.open = false;
  };

  /** The range's ends as the viewer reads them, in their time zone. */
  #resolvedText(): string {
    const v = this.value;
    if (!v || (v.from === undefined && v.to === undefined)) return '';
    const fmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: this.#zone });
    const now = Date.now();
    const end = (x: string | number | undefined) => {
      if (x === undefined) return '…';
      const ms = resolveTimeExpr(x, now, v.timezone ?? this.#zone);
      return Number.isNaN(ms) ? String(x) : fmt.format(ms);
    };
    return `${end(v.from)} – ${end(v.to ?? 'now')} (${this.#zone})`;
  }

  /** The preset's name, or the ends as dates (and times, when not midnight) in the viewer's time zone. */
  #label(): string {
    const v = this.value;
    const named = describeTimeRange(v);
    if (!v || TIME_RANGE_PRESETS.some((p) => p.label === named)) return named;
    const now = Date.now();
    const zone = v.timezone ?? this.#zone;
    const ends = [v.from, v.to ?? 'now'].map((x) => (x === undefined ? Number.NaN : resolveTimeExpr(x, now, zone)));
    if (ends.some(Number.isNaN)) return named;
    const midnight = ends.every(
      (ms) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeStyle: 'short' }).format(ms) === '00:00',
    );
    const fmt = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      ...(midnight ? {} : { timeStyle: 'short' }),
      timeZone: zone,
    });
    return `${fmt.format(ends[0]!)} – ${fmt.format(ends[1]!)}`;
  }

  protected override render() {
    const label = this.#label();
    const current = this.value;
    return html`<div part="base" @keydown=${this.#onKey} @focusout=${this.#onFocusOut}>
      <button
        part="trigger"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${`Time range: ${label}${this.locked ? ' (locked by the link)' : ''}`}
        title=${this.#resolvedText()}
        ?disabled=${this.locked}
        @click=${this.#toggle}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"></circle><path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"></path></svg>
        <span>${label}</span>${this.locked ? html`<span aria-hidden="true">🔒</span>` : nothing}
      </button>
      ${
        this.open
          ? html`<div part="panel" role="dialog" aria-label="Choose a time range">
              <div class="presets" role="group" aria-label="Presets">
                ${TIME_RANGE_PRESETS.map(
                  (p) => html`<button
                    part="preset"
                    type="button"
                    aria-pressed=${current?.from === p.from && (current?.to ?? 'now') === p.to ? 'true' : 'false'}
                    @click=${() => this.#choose({ from: p.from, to: p.to, timezone: this.#zone })}
                  >${p.label}</button>`,
                )}
                <button part="preset" type="button" aria-pressed=${current ? 'false' : 'true'} @click=${() => this.#choose(undefined)}>All time</button>
              </div>
              <form part="custom" @submit=${this.#apply} novalidate>
                <fieldset>
                  <legend>Custom range</legend>
                  <label>From <input name="from" .value=${String(current?.from ?? 'now-7d')} autocomplete="off" spellcheck="false" aria-describedby="hint" /></label>
                  <label>To <input name="to" .value=${String(current?.to ?? 'now')} autocomplete="off" spellcheck="false" aria-describedby="hint" /></label>
                  <p id="hint" class="hint">A time (2026-01-31 08:00) or relative: now-6h, now-7d, now/d (midnight), now/M. Time zone: ${this.#zone}.</p>
                  ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
                  <button type="submit">Apply</button>
                </fieldset>
              </form>
            </div>`
          : nothing
      }
    </div>`;
  }

  /** Opens the panel with the custom form focused (for hosts offering a shortcut). */
  async editCustom(): Promise<void> {
    this.open = true;
    await this.updateComplete;
    this.fromInput?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-time-range': OcpTimeRange;
  }
}
