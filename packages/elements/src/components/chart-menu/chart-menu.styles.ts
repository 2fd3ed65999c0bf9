import { css } from 'lit';

export default css`
  :host {
    display: inline-block;
    margin-left: auto;
  }
  .wrap {
    position: relative;
  }
  button {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid transparent;
    border-radius: 4px;
    padding: 2px 8px;
    cursor: pointer;
  }
  [part='button']:hover,
  [part='button'][aria-expanded='true'] {
    border-color: var(--_color-border);
    background: var(--_color-surface-raised);
  }
  [part='menu'] {
    position: absolute;
    z-index: 10;
    right: 0;
    top: calc(100% + 2px);
    min-width: 12rem;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    padding: 4px;
    display: grid;
  }
  [part='item'] {
    text-align: left;
    padding: 6px 10px;
  }
  [part='item']:hover,
  [part='item']:focus-visible {
    background: var(--_color-surface-raised);
  }
  [part='menu'] {
    max-height: 18rem;
    overflow: auto;
  }
`;
