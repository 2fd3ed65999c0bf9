import type { ChartVersionView, DashboardVersionView, OcpProviderError } from '@ocp/contract';
import { html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { OcpVersionRestoreEvent } from '../../events/version-restore.js';
import { type LoadState, OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './version-history.styles.js';

type Version = ChartVersionView | DashboardVersionView;

/**
 * @summary The version history of a chart (`chart-id`) or a dashboard (`dashboard-id`): newest first, with restore,
 * and for dashboards a "Save version" action.
 *
 * @description Lists versions through `provider.chartVersions` or `provider.dashboardVersions`, the newest marked as
 * current. Restore calls `restoreChartVersion` / `restoreDashboardVersion`, fires `ocp-version-restore` and reloads
 * the list; "Save version" (dashboards) saves the current state with an optional summary.
 *
 * @event {OcpVersionRestoreEvent} ocp-version-restore - A version was restored.
 * @event {OcpErrorEvent} ocp-error - A provider call failed.
 *
 * @csspart header - Title row with the save action.
 * @csspart list - The versions.
 * @csspart version - Each version row.
 * @csspart version-current - The newest version's row (it has part `version` too).
 * @csspart restore - Each restore button.
 *
 * @cssstate state - Reflected as `state`: `idle`, `loading`, `ready`, `empty` or `error`.
 */
@customElement('ocp-version-history')
export class OcpVersionHistory extends OcpElement {
  static override styles = [themeStyles, styles];

  /** Show this chart's versions. */
  @property({ attribute: 'chart-id' }) chartId?: string;

  /** Show this dashboard's versions (used when no `chart-id`). */
  @property({ attribute: 'dashboard-id' }) dashboardId?: string;

  /** Where loading stands, reflected for styling (`:host([state='error'])`): `idle`, `loading`, `ready`, `empty` or `error`. Set by the element. */
  @property({ reflect: true }) state: LoadState = 'idle';

  @state() private versions: Version[] = [];
  @state() private error?: OcpProviderError;
  @state() private busy = false;

  get #kind(): 'chart' | 'dashboard' | undefined {
    return this.chartId ? 'chart' : this.dashboardId ? 'dashboard' : undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('chartId') || changed.has('dashboardId') || changed.has('provider')) void this.refresh();
  }

  /** Reloads the versions. */
  async refresh(): Promise<void> {
    const provider = this.activeProvider;
    const kind = this.#kind;
    if (!provider || !kind) return;
    this.state = 'loading';
    try {
      this.versions =
        kind === 'chart'
          ? await provider.chartVersions(this.chartId!)
          : await provider.dashboardVersions(this.dashboardId!);
      this.state = this.versions.length ? 'ready' : 'empty';
    } catch (e) {
      this.error = this.fail(e, kind === 'chart' ? 'chartVersions' : 'dashboardVersions');
      this.state = 'error';
    }
  }

  async #restore(v: Version): Promise<void> {
    const provider = this.activeProvider!;
    this.busy = true;
    try {
      if (this.#kind === 'chart') await provider.restoreChartVersion(this.chartId!, v.versionNumber);
      else await provider.restoreDashboardVersion(this.dashboardId!, v.versionNumber);
      this.emit(
        new OcpVersionRestoreEvent({
          kind: this.#kind!,
          id: (this.chartId ?? this.dashboardId)!,
          versionNumber: v.versionNumber,
        }),
      );
      await this.refresh();
    } catch (e) {
      this.fail(e, this.#kind === 'chart' ? 'restoreChartVersion' : 'restoreDashboardVersion');
    } finally {
      this.busy = false;
    }
  }

  async #save(e: Event): Promise<void> {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('summary') as HTMLInputElement;
    this.busy = true;
    try {
      await this.activeProvider!.createDashboardVersion(this.dashboardId!, input.value.trim() || undefined);
      input.value = '';
      await this.refresh();
    } catch (err) {
      this.fail(err, 'createDashboardVersion');
    } finally {
      this.busy = false;
    }
  }

  #body() {
    switch (this.state) {
      case 'idle':
      case 'loading':
        return html`<div class="state" role="status">Loading versions…</div>`;
      case 'error':
        return html`<div class="state error" role="alert"><span>${this.errorText(this.error)}</span><button @click=${() => this.refresh()}>Retry</button></div>`;
      case 'empty':
        return html`<div class="state">No versions saved yet.</div>`;
      default:
        return html`<ol part="list" aria-label="Versions">
          ${repeat(
            this.versions,
            (v) => v.id,
            (v, i) => html`<li part=${i === 0 ? 'version version-current' : 'version'}>
              <span class="number">v${v.versionNumber}</span>
              <span class="summary">${v.changeSummary ?? 'No description'}</span>
              <time datetime=${v.createdAt}>${new Date(v.createdAt).toLocaleString()}</time>
              ${
                // Every chart save writes a version, so a chart's newest version is its current state. Dashboard
                // versions are snapshots saved by hand: the dashboard may have changed since, so each can be restored.
                i === 0 && this.#kind === 'chart'
                  ? html`<span class="current">Current</span>`
                  : html`${i === 0 ? html`<span class="current">Latest</span>` : null}<button part="restore" ?disabled=${this.busy} aria-label=${`Restore version ${v.versionNumber}`} @click=${() =>
                      this.#restore(v)}>Restore</button>`
              }
            </li>`,
          )}
        </ol>`;
    }
  }

  protected override render() {
    const kind = this.#kind;
    return html`<section aria-label="Version history">
      <div part="header">
        <h3>${kind === 'chart' ? 'Chart versions' : 'Dashboard versions'}</h3>
        ${
          kind === 'dashboard'
            ? html`<form @submit=${this.#save}>
                <input name="summary" aria-label="Version description" placeholder="What changed?" />
                <button type="submit" ?disabled=${this.busy}>Save version</button>
              </form>`
            : null
        }
      </div>
      ${kind ? this.#body() : html`<div class="state">Nothing selected.</div>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-version-history': OcpVersionHistory;
  }
}
