import type { OcpProviderError, WorkspaceFolderNode, WorkspaceItemView } from '@ocp/contract';
import { html, type PropertyValues, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { OcpChartPickEvent } from '../../events/chart-pick.js';
import { OcpFavoriteChangeEvent } from '../../events/favorite-change.js';
import { OcpItemSelectEvent } from '../../events/item-select.js';
import { type OcpDraggedChart, writeDragData } from '../../internal/drag-data.js';
import { type LoadState, OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './workspace.styles.js';

// An inline icon rather than an emoji, which needs a colour-emoji font the page may not have.
const folderIcon = html`<svg viewBox="0 0 16 16" aria-hidden="true">${svg`<path d="M1 3.5A1.5 1.5 0 0 1 2.5 2h3.6l1.5 1.5h5.9A1.5 1.5 0 0 1 15 5v7.5a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 1 12.5z"/>`}</svg>`;

/**
 * @summary The user's workspace: a folder tree, search, tag filters and favorites over their charts, datasets and
 * notes. Chart items are drag sources for `<ocp-slot>`, and "Place" picks them for keyboard placement.
 *
 * @description Loads the folder tree and items through the provider (`item-type` narrows to one kind). Typing in the
 * search field searches titles, tags and content; the star toggles a favorite. Dragging a chart item carries it to any
 * `<ocp-slot>` on the page in edit mode; "Place" fires `ocp-chart-pick` for keyboard placement instead.
 *
 * @event {OcpItemSelectEvent} ocp-item-select - An item was activated.
 * @event {OcpChartPickEvent} ocp-chart-pick - "Place" on a chart item: an `<ocp-dashboard>` in edit mode starts keyboard placement.
 * @event {OcpFavoriteChangeEvent} ocp-favorite-change - An item's favorite flag was saved.
 * @event {OcpErrorEvent} ocp-error - A provider call failed.
 *
 * @csspart base - The layout (tree beside the list).
 * @csspart toolbar - Search and the favorites toggle.
 * @csspart search - The search field.
 * @csspart tree - The folder tree.
 * @csspart list - The item list.
 * @csspart item - Each item.
 * @csspart chart-item - Each chart item (it has part `item` too).
 *
 * @cssproperty [--sidebar-width=180px] - Width of the folder tree.
 *
 * @cssstate state - Reflected as `state`: `idle`, `loading`, `ready`, `empty` or `error`.
 */
@customElement('ocp-workspace')
export class OcpWorkspace extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The search text (searches titles, tags and content). */
  @property() query = '';

  /** The selected folder path; empty for all items. */
  @property() folder = '';

  /** Tags every shown item must have. */
  @property({ attribute: false }) tags: string[] = [];

  /** Show favorites only. */
  @property({ type: Boolean, attribute: 'favorites-only' }) favoritesOnly = false;

  /** Only items of this type (`chart`, `dataset`, `note`, …). */
  @property({ attribute: 'item-type' }) itemType?: string;

  /** Where loading stands, reflected for styling (`:host([state='error'])`): `idle`, `loading`, `ready`, `empty` or `error`. Set by the element. */
  @property({ reflect: true }) state: LoadState = 'idle';

  @state() private items: WorkspaceItemView[] = [];
  @state() private tree: WorkspaceFolderNode[] = [];
  @state() private allTags: string[] = [];
  @state() private error?: OcpProviderError;
  #seq = 0;
  #searchTimer = 0;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('provider')) void this.#loadTree();
    const filters: PropertyKey[] = ['provider', 'folder', 'tags', 'favoritesOnly', 'itemType'];
    if (filters.some((k) => (changed as Map<PropertyKey, unknown>).has(k))) void this.refresh();
    else if (changed.has('query')) {
      clearTimeout(this.#searchTimer);
      this.#searchTimer = window.setTimeout(() => void this.refresh(), 150);
    }
  }

  async #loadTree(): Promise<void> {
    const provider = this.activeProvider;
    if (!provider) return;
    try {
      this.tree = await provider.folderTree();
    } catch (e) {
      this.fail(e, 'folderTree');
    }
  }

  /** Reloads the items with the current filters. */
  async refresh(): Promise<void> {
    const provider = this.activeProvider;
    if (!provider) return;
    const seq = ++this.#seq;
    this.state = 'loading';
    try {
      const q = this.query.trim();
      const itemType = this.itemType || undefined;
      let items = q
        ? await provider.searchWorkspace({ q, tags: this.tags.length ? this.tags : undefined, itemType })
        : await provider.listWorkspace({
            folderPath: this.folder || undefined,
            tags: this.tags.length ? this.tags : undefined,
            itemType,
            favoritesOnly: this.favoritesOnly || undefined,
          });
      if (seq !== this.#seq) return;
      if (q && this.folder) items = items.filter((i) => i.folderPath?.startsWith(this.folder));
      if (q && this.favoritesOnly) items = items.filter((i) => i.isFavorite);
      this.items = items;
      if (!this.tags.length && !q) this.allTags = [...new Set(items.flatMap((i) => i.tags))].sort();
      this.state = items.length ? 'ready' : 'empty';
    } catch (e) {
      if (seq !== this.#seq) return;
      this.error = this.fail(e, this.query.trim() ? 'searchWorkspace' : 'listWorkspace');
      this.state = 'error';
    }
  }

  #chartOf(item: WorkspaceItemView): OcpDraggedChart | null {
    if (item.itemType !== 'chart' || !item.referenceId) return null;
    const chartType = typeof item.content.chartType === 'string' ? item.content.chartType : '';
    return { chartId: item.referenceId, chartType, title: item.title };
  }

  async #toggleFavorite(item: WorkspaceItemView): Promise<void> {
    try {
      const saved = await this.activeProvider!.updateWorkspaceItem(item.id, { isFavorite: !item.isFavorite });
      this.items = this.items.map((i) => (i.id === saved.id ? saved : i));
      this.emit(new OcpFavoriteChangeEvent({ item: saved, isFavorite: saved.isFavorite }));
      if (this.favoritesOnly && !saved.isFavorite) void this.refresh();
    } catch (e) {
      this.fail(e, 'updateWorkspaceItem');
    }
  }

  #toggleTag(tag: string): void {
    this.tags = this.tags.includes(tag) ? this.tags.filter((t) => t !== tag) : [...this.tags, tag];
  }

  #renderTree(nodes: WorkspaceFolderNode[]): unknown {
    return html`<ul>
      ${nodes.map(
        (n) => html`<li>
          <button class="folder" aria-current=${this.folder === n.path ? 'true' : 'false'} @click=${() => {
            this.folder = n.path;
          }}>${folderIcon}${n.name}</button>
          ${n.children.length ? this.#renderTree(n.children) : null}
        </li>`,
      )}
    </ul>`;
  }

  #renderItem(item: WorkspaceItemView) {
    const chart = this.#chartOf(item);
    const onDragStart = (e: DragEvent) => {
      if (chart && e.dataTransfer) writeDragData(e.dataTransfer, chart);
    };
    return html`<li
      part=${chart ? 'item chart-item' : 'item'}
      draggable=${chart ? 'true' : 'false'}
      @dragstart=${onDragStart}
      data-id=${item.id}
    >
      <button class="title" title=${item.title} @click=${() => this.emit(new OcpItemSelectEvent({ item }))}>${item.title}</button>
      <span class="type">${chart?.chartType || item.itemType}</span>
      ${
        chart
          ? html`<button class="place" aria-label=${`Place ${item.title} on the dashboard`} @click=${() =>
              this.emit(new OcpChartPickEvent({ chart }))}>Place</button>`
          : null
      }
      <button
        class="star"
        aria-pressed=${item.isFavorite ? 'true' : 'false'}
        aria-label=${`Favorite ${item.title}`}
        @click=${() => this.#toggleFavorite(item)}
      >${item.isFavorite ? '★' : '☆'}</button>
    </li>`;
  }

  #renderList() {
    switch (this.state) {
      case 'idle':
      case 'loading':
        return html`<div class="state" role="status">Loading…</div>`;
      case 'error':
        return html`<div class="state error" role="alert">
          <span>${this.errorText(this.error)}</span><button @click=${() => this.refresh()}>Retry</button>
        </div>`;
      case 'empty':
        return html`<div class="state">${this.query ? `Nothing matches "${this.query}".` : 'No items here yet.'}</div>`;
      default:
        return html`<ul part="list" aria-label="Workspace items">${repeat(
          this.items,
          (i) => i.id,
          (i) => this.#renderItem(i),
        )}</ul>`;
    }
  }

  protected override render() {
    return html`<div part="base">
      <nav part="tree" aria-label="Folders">
        <ul>
          <li><button class="folder" aria-current=${this.folder === '' ? 'true' : 'false'} @click=${() => {
            this.folder = '';
          }}>All items</button></li>
        </ul>
        ${this.#renderTree(this.tree)}
      </nav>
      <section aria-label="Workspace">
        <div part="toolbar">
          <input
            part="search"
            type="search"
            aria-label="Search the workspace"
            placeholder="Search charts, data, notes…"
            .value=${this.query}
            @input=${(e: Event) => {
              this.query = (e.target as HTMLInputElement).value;
            }}
          />
          <button aria-pressed=${this.favoritesOnly ? 'true' : 'false'} @click=${() => {
            this.favoritesOnly = !this.favoritesOnly;
          }}>★ Favorites</button>
        </div>
        ${
          this.allTags.length
            ? html`<div class="tags" role="group" aria-label="Filter by tag">
                ${this.allTags.map(
                  (t) =>
                    html`<button class="tag" aria-pressed=${this.tags.includes(t) ? 'true' : 'false'} @click=${() =>
                      this.#toggleTag(t)}>#${t}</button>`,
                )}
              </div>`
            : null
        }
        ${this.#renderList()}
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-workspace': OcpWorkspace;
  }
}
