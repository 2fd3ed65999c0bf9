import { css } from 'lit';

export default css`
  :host {
    --value-size: clamp(1.6rem, 6cqi, 3rem);
    display: block;
    height: 100%;
    container-type: inline-size;
  }
  [part='base'] {
    height: 100%;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 4px;
    padding: 12px 16px;
  }
  [part='label'] {
    color: var(--_color-text-muted);
    font-size: 0.9em;
    margin: 0;
    font-weight: 500;
  }
  [part='value'] {
    font-size: var(--value-size);
    font-weight: 650;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
  }
  .skeleton {
    height: 2.2em;
    width: 60%;
  }
`;
