import { css } from 'lit';

export default css`
  :host {
    display: block;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  [part='header'] {
    display: flex;
    gap: 8px;
    padding: 10px;
    border-bottom: 1px solid var(--_color-border);
    align-items: center;
  }
  [part='header'] h3 {
    margin: 0;
    font-size: 1em;
    flex: 1;
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='version'] {
    display: flex;
    gap: 10px;
    align-items: center;
    padding: 8px 10px;
    border-bottom: 1px solid var(--_color-border);
  }
  [part~='version']:last-child {
    border-bottom: none;
  }
  .number {
    font-weight: 650;
    font-variant-numeric: tabular-nums;
    min-width: 2.5em;
  }
  .summary {
    flex: 1;
  }
  time {
    color: var(--_color-text-muted);
    font-size: 0.85em;
  }
  .current {
    font-size: 0.8em;
    color: var(--_color-success);
    font-weight: 600;
  }
`;
