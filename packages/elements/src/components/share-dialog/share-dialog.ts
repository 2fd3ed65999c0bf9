import type { CreatedShare, DataFilter, OcpProviderError, SharingLinkView, TimeRangeSpec } from '@ocp/contract';
import { describeTimeRange } from '@ocp/contract/time-range';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { OcpShareCreateEvent } from '../../events/share-create.js';
import { OcpShareRevokeEvent } from '../../events/share-revoke.js';
import { type LoadState, OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './share-dialog.styles.js';

const DAY = 86_400_000;

/**
 * @summary A modal dialog to share a dashboard, chart or template: create links (view-only or interactive, with an
 * expiry and the origins allowed to embed them), copy the new link, and revoke existing ones.
 *
 * @description The raw token exists only in the answer to `createShare`, so the new link is shown once; the list shows
 * existing links without their tokens.
 *
 * @event {OcpShareCreateEvent} ocp-share-create - A link was created.
 * @event {OcpShareRevokeEvent} ocp-share-revoke - A link was revoked.
 * @event {OcpErrorEvent} ocp-error - A provider call failed.
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart header - Title and close button.
 * @csspart body - The form and the lists.
 * @csspart created - The new link with its copy button.
 * @csspart links - The existing links.
 *
 * @cssproperty [--width=min(520px, 92vw)] - Dialog width.
 *
 * @cssstate open - Reflected while the dialog is open.
 */
@customElement('ocp-share-dialog')
export class OcpShareDialog extends OcpElement {
  static override styles = [themeStyles, styles];

  /** `dashboard`, `chart` or `template`. */
  @property({ attribute: 'resource-type' }) resourceType: SharingLinkView['resourceType'] = 'dashboard';

  /** The id of the resource to share. */
  @property({ attribute: 'resource-id' }) resourceId?: string;

  /** Base for absolute link URLs (default: the page's origin). */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Opens the dialog (modal). */
  @property({ type: Boolean, reflect: true }) open = false;

  /**
   * The view being shared (a dashboard's range and filters): offered as a lock, so the link's viewers see that
   * view and cannot widen it (the server enforces it).
   */
  @property({ attribute: false }) lockable?: { range?: TimeRangeSpec; filters?: DataFilter[] };

  /** Where loading stands, reflected for styling (`:host([state='error'])`): `idle`, `loading`, `ready`, `empty` or `error`. Set by the element. */
  @property({ reflect: true }) state: LoadState = 'idle';

  @state() private links: SharingLinkView[] = [];
  @state() private created?: CreatedShare;
  @state() private error?: OcpProviderError;
  @state() private copied = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) {
      if (this.open && !this.dialog.open) {
        this.dialog.showModal();
        void this.refresh();
      } else if (!this.open && this.dialog.open) this.dialog.close();
    }
  }

  /** Opens the dialog. */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog. */
  hide(): void {
    this.open = false;
  }

  /** Reloads the existing links. */
  async refresh(): Promise<void> {
    const provider = this.activeProvider;
    if (!provider || !this.resourceId) return;
    this.state = 'loading';
    try {
      this.links = await provider.listShares({ resourceType: this.resourceType, resourceId: this.resourceId });
      this.state = this.links.length ? 'ready' : 'empty';
    } catch (e) {
      this.error = this.fail(e, 'listShares');
      this.state = 'error';
    }
  }

  #absolute(url: string): string {
    return new URL(url, this.baseUrl ?? window.location.origin).href;
  }

  async #create(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
    const days = Number(field('expires').value);
    const origins = field('origins')
      .value.split(/[\s,]+/)
      .map((o) => o.trim())
      .filter(Boolean);
    try {
      this.created = await this.activeProvider!.createShare({
        resourceType: this.resourceType,
        resourceId: this.resourceId!,
        permissions: {
          view: true,
          interact: (field('interact') as HTMLInputElement).checked,
          ...((field('allowExport') as HTMLInputElement).checked && { allowExport: true }),
          ...(origins.length ? { allowedOrigins: origins } : {}),
          ...((field('lock') as HTMLInputElement | null)?.checked && {
            ...(this.lockable?.range && { lockedRange: this.lockable.range }),
            ...(this.lockable?.filters?.length && { lockedFilters: this.lockable.filters }),
          }),
        },
        expiresAt: days > 0 ? new Date(Date.now() + days * DAY).toISOString() : null,
      });
      this.copied = false;
      this.emit(new OcpShareCreateEvent({ share: this.created }));
      await this.refresh();
    } catch (err) {
      this.error = this.fail(err, 'createShare');
    }
  }

  async #revoke(link: SharingLinkView): Promise<void> {
    try {
      await this.activeProvider!.revokeShare(link.id);
      this.emit(new OcpShareRevokeEvent({ id: link.id }));
      await this.refresh();
    } catch (e) {
      this.error = this.fail(e, 'revokeShare');
    }
  }

  async #copy(): Promise<void> {
    if (!this.created) return;
    try {
      await navigator.clipboard.writeText(this.#absolute(this.created.url));
      this.copied = true;
    } catch {
      // Clipboard access can be denied; the link stays selectable in the field.
      this.renderRoot.querySelector<HTMLInputElement>('[part="created"] input')?.select();
    }
  }

  #list() {
    switch (this.state) {
      case 'loading':
      case 'idle':
        return html`<div class="state" role="status">Loading links…</div>`;
      case 'error':
        return html`<div class="state error" role="alert">${this.errorText(this.error)}</div>`;
      case 'empty':
        return html`<div class="state">No links yet.</div>`;
      default:
        return html`<ul part="links">
          ${repeat(
            this.links,
            (l) => l.id,
            (l) => html`<li>
              <span>${l.permissions.interact ? 'Interactive' : 'View only'}${l.permissions.allowExport ? ' · downloads' : ''}${
                l.permissions.lockedRange || l.permissions.lockedFilters ? ' · locked view' : ''
              } · created ${new Date(l.createdAt).toLocaleDateString()}
                ${l.expiresAt ? html` · expires ${new Date(l.expiresAt).toLocaleDateString()}` : ' · never expires'}</span>
              <button aria-label=${`Revoke link created ${new Date(l.createdAt).toLocaleString()}`} @click=${() => this.#revoke(l)}>Revoke</button>
            </li>`,
          )}
        </ul>`;
    }
  }

  protected override render() {
    return html`<dialog part="dialog" aria-labelledby="title" @close=${() => {
      this.open = false;
    }}>
      <div part="header">
        <h2 id="title">Share ${this.resourceType}</h2>
        <button aria-label="Close" @click=${() => this.hide()}>✕</button>
      </div>
      <div part="body">
        <form @submit=${this.#create}>
          <label><input type="checkbox" name="interact" checked /> Viewers can hover, zoom and switch tabs</label>
          <label><input type="checkbox" name="allowExport" /> Viewers can download (PNG, SVG, PDF, CSV)</label>
          ${
            this.lockable?.range || this.lockable?.filters?.length
              ? html`<label><input type="checkbox" name="lock" /> Lock to the current view (${describeTimeRange(this.lockable.range)}${
                  this.lockable.filters?.length
                    ? `, ${this.lockable.filters.map((f) => `${f.column}: ${f.values.join(', ')}`).join('; ')}`
                    : ''
                })</label>`
              : nothing
          }
          <label>Expires
            <select name="expires" aria-label="Expires">
              <option value="0">Never</option>
              <option value="1">In 1 day</option>
              <option value="7" selected>In 7 days</option>
              <option value="30">In 30 days</option>
            </select>
          </label>
          <label>Embed on
            <input name="origins" aria-label="Origins allowed to embed" placeholder="https://app.example.com (optional)" style="flex:1" />
          </label>
          <div><button class="primary" type="submit" ?disabled=${!this.resourceId}>Create link</button></div>
        </form>
        ${
          this.created
            ? html`<div part="created">
                <input readonly aria-label="New link" .value=${this.#absolute(this.created.url)} />
                <button @click=${() => this.#copy()}>${this.copied ? 'Copied' : 'Copy'}</button>
              </div>`
            : null
        }
        <h3>Active links</h3>
        ${this.#list()}
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-share-dialog': OcpShareDialog;
  }
}
