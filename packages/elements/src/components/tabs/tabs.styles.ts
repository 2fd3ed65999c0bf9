import { css } from 'lit';

export default css`
  :host {
    --indicator-color: var(--_color-accent);
    display: block;
  }
  [part='tablist'] {
    display: flex;
    gap: 2px;
    border-bottom: 1px solid var(--_color-border);
    margin-bottom: calc(var(--_space) * 2);
    overflow-x: auto;
  }
  [part~='tab'] {
    border: none;
    border-radius: 0;
    background: none;
    padding: 8px 14px;
    color: var(--_color-text-muted);
    border-bottom: 2px solid transparent;
    margin-bottom: -1px;
    white-space: nowrap;
  }
  [part~='tab']:hover {
    color: var(--_color-text);
    background: none;
  }
  [part~='tab'][aria-selected='true'] {
    color: var(--_color-text);
    border-bottom-color: var(--indicator-color);
    font-weight: 600;
  }
`;
