import { css } from 'lit';

export default css`
  :host {
    --card-width: 180px;
    display: block;
  }
  [part='base'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--card-width), 1fr));
    gap: 12px;
  }
  [part~='card'] {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 10px;
    text-align: left;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    cursor: pointer;
  }
  [part~='card'][aria-checked='true'] {
    border-color: var(--_color-accent);
    box-shadow: 0 0 0 2px var(--_color-accent);
  }
  [part='preview'] {
    display: grid;
    gap: 3px;
    height: 90px;
  }
  [part='preview'] span {
    background: var(--_color-surface-raised);
    border: 1px solid var(--_color-border);
    border-radius: 3px;
  }
  .name {
    font-weight: 600;
  }
  .meta {
    font-size: 0.85em;
    color: var(--_color-text-muted);
  }
`;
