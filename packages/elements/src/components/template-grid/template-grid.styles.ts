import { css } from 'lit';

export default css`
  :host {
    display: block;
    container-type: inline-size;
  }
  [part='base'] {
    display: grid;
    grid-template-columns: repeat(var(--_columns, 12), minmax(0, 1fr));
    grid-auto-rows: var(--_row-height, 80px);
    gap: var(--_gap, 12px);
  }
  [part='base']:focus {
    outline: none;
  }
`;
