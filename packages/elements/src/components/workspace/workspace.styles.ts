import { css } from 'lit';

export default css`
  :host {
    --sidebar-width: 180px;
    display: block;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    container-type: inline-size;
  }
  [part='base'] {
    display: grid;
    grid-template-columns: var(--sidebar-width) minmax(0, 1fr);
    min-height: 100%;
  }
  @container (max-width: 480px) {
    [part='base'] {
      grid-template-columns: minmax(0, 1fr);
    }
    [part='tree'] {
      border-right: none;
      border-bottom: 1px solid var(--_color-border);
    }
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    padding: 10px;
    border-bottom: 1px solid var(--_color-border);
    align-items: center;
  }
  [part='search'] {
    flex: 1 1 160px;
    min-width: 0;
  }
  [part='tree'] {
    border-right: 1px solid var(--_color-border);
    padding: 8px 6px;
    font-size: 0.92em;
  }
  [part='tree'] ul {
    list-style: none;
    margin: 0;
    padding: 0 0 0 12px;
  }
  [part='tree'] > ul {
    padding: 0;
  }
  .folder {
    display: block;
    width: 100%;
    text-align: left;
    border: none;
    background: none;
    padding: 3px 6px;
    border-radius: 4px;
  }
  .folder svg {
    width: 14px;
    height: 14px;
    vertical-align: -2px;
    margin-right: 4px;
    fill: var(--_color-text-muted);
  }
  .folder[aria-current='true'] {
    background: var(--_color-surface-raised);
    font-weight: 600;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    padding: 8px 10px 0;
  }
  .tag {
    font-size: 0.8em;
    border-radius: 999px;
    padding: 1px 8px;
  }
  .tag[aria-pressed='true'] {
    background: var(--_color-accent);
    border-color: var(--_color-accent);
    color: var(--_color-accent-text);
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 8px;
    display: grid;
    /* minmax(0, …): long titles ellipsize instead of widening the list past the panel. */
    grid-template-columns: minmax(0, 1fr);
    gap: 6px;
  }
  [part~='item'] {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 8px;
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_color-surface);
  }
  [part~='item'][draggable='true'] {
    cursor: grab;
  }
  .title {
    flex: 1;
    min-width: 0;
    text-align: left;
    border: none;
    background: none;
    padding: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .type {
    font-size: 0.75em;
    color: var(--_color-text-muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .star {
    border: none;
    background: none;
    padding: 0 4px;
    color: var(--_color-text-muted);
  }
  .star[aria-pressed='true'] {
    color: #d4a72c;
  }
`;
