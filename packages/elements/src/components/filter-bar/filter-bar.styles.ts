import { css } from 'lit';

export default css`
  :host {
    --gap: 8px;
    display: inline-block;
  }
  [part='base'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--gap);
  }
  [part='filter'] {
    position: relative;
  }
  [part='summary'] {
    list-style: none;
    cursor: pointer;
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_color-surface);
    padding: 4px 10px;
    max-width: 18rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='summary']::-webkit-details-marker {
    display: none;
  }
  [part='summary']::after {
    content: ' ▾';
    color: var(--_color-text-muted);
  }
  .label {
    color: var(--_color-text-muted);
  }
  [part='options'] {
    position: absolute;
    z-index: 10;
    top: calc(100% + 4px);
    left: 0;
    min-width: 12rem;
    max-height: 18rem;
    overflow: auto;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    padding: 6px;
    display: grid;
    gap: 2px;
  }
  label {
    display: flex;
    gap: 6px;
    align-items: center;
    padding: 2px 4px;
    cursor: pointer;
  }
  .empty {
    color: var(--_color-text-muted);
    padding: 4px;
  }
  button {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--_color-border);
    border-radius: 4px;
    padding: 2px 8px;
    margin-top: 4px;
    cursor: pointer;
  }
`;
