import { css } from 'lit';

export default css`
  :host {
    --padding: calc(var(--_space) * 2);
    display: block;
    background: var(--_color-bg);
    padding: var(--padding);
    border-radius: var(--_radius);
  }
  [part='header'] {
    display: flex;
    align-items: baseline;
    gap: 12px;
    margin-bottom: calc(var(--_space) * 1.5);
  }
  [part='title'] {
    margin: 0;
    font-size: 1.35em;
    font-weight: 650;
  }
  .description {
    color: var(--_color-text-muted);
    margin: 0;
  }
  .badge {
    margin-left: auto;
    font-size: 0.8em;
    color: var(--_color-text-muted);
    border: 1px solid var(--_color-border);
    border-radius: 999px;
    padding: 1px 8px;
  }
  .skeleton-grid {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 12px;
  }
  .skeleton-grid .skeleton {
    height: 220px;
  }
  .skeleton-grid .skeleton:first-child {
    grid-column: 1 / -1;
  }
  .unavailable {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 4px;
    height: 100%;
    box-sizing: border-box;
    padding: calc(var(--_space) * 2);
    text-align: center;
    color: var(--_color-text-muted);
    border: 1px dashed var(--_color-border);
    border-radius: var(--_radius);
  }
  .unavailable strong {
    color: var(--_color-text);
  }
  .slot-toolbar {
    position: absolute;
    /* All four sides (the slot stretches slotted content with inset: 0); top right, in the chart's title row. */
    inset: 6px 6px auto auto;
    z-index: 3;
    display: flex;
    gap: 4px;
  }
  .slot-toolbar button {
    padding: 0 8px;
    font-size: 0.8em;
  }
  /* The title row leaves room for the remove button. */
  .removable::part(header) {
    padding-right: 80px;
  }
  [part='controls'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }
  [part='controls'] button {
    font: inherit;
    color: inherit;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 4px 10px;
    cursor: pointer;
  }
  .chip {
    display: inline-flex;
    gap: 6px;
    align-items: center;
    border-color: var(--_color-accent) !important;
  }
  .exports {
    margin-left: auto;
    display: inline-flex;
    gap: 4px;
  }
  [part='breadcrumbs'] ol {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_space);
  }
  [part='breadcrumbs'] li + li::before {
    content: '›';
    margin-right: 4px;
    color: var(--_color-text-muted);
  }
  [part='breadcrumbs'] button {
    font: inherit;
    color: var(--_color-accent);
    background: none;
    border: none;
    padding: 0;
    cursor: pointer;
    text-decoration: underline;
  }
  .drill {
    height: min(70vh, 560px);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
`;
