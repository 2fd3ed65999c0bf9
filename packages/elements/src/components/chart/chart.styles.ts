import { css } from 'lit';

export default css`
  :host {
    --min-height: 160px;
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
    min-height: var(--min-height);
    overflow: hidden;
  }
  [part='base'] {
    position: absolute;
    inset: 0;
  }
  [part='plot'] {
    position: absolute;
    inset: 0;
  }
  :host(:not([state='ready'])) [part='plot'] {
    visibility: hidden;
  }
  .overlay {
    position: absolute;
    inset: 0;
  }
  .skeleton {
    position: absolute;
    inset: 12px;
  }
`;
