import { css } from 'lit';

export default css`
  :host {
    display: block;
    height: 100%;
    overflow: auto;
  }
  [part='base'] {
    padding: 12px 16px;
    line-height: 1.5;
  }
  [part='heading'] {
    margin: 0 0 8px;
    font-size: 1.05em;
  }
  p {
    margin: 0 0 8px;
  }
  .skeleton {
    height: 1em;
    margin-bottom: 8px;
  }
`;
