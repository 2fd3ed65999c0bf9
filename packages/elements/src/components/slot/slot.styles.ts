import { css } from 'lit';

export default css`
  :host {
    --drop-accept-color: var(--_color-success);
    --drop-reject-color: var(--_color-danger);
    display: block;
    position: relative;
    min-width: 0;
    min-height: 0;
  }
  [part='base'] {
    position: relative;
    height: 100%;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
    transition: outline-color 0.15s;
  }
  :host([mode='view']:not([occupied])) [part='base'] {
    border-color: transparent;
    box-shadow: none;
    background: transparent;
  }
  :host([mode='edit']:not([occupied])) [part='base'] {
    border-style: dashed;
    box-shadow: none;
    background: transparent;
  }
  :host([drop-state='accept']) [part='base'],
  :host([armed][drop-state='accept']) [part='base'] {
    outline: 3px solid var(--drop-accept-color);
    outline-offset: -3px;
  }
  :host([drop-state='reject']) [part='base'] {
    outline: 3px dashed var(--drop-reject-color);
    outline-offset: -3px;
  }
  :host([armed]) [part='base'] {
    outline: 3px solid var(--_color-focus);
    outline-offset: -3px;
  }
  [part='empty'] {
    position: absolute;
    inset: 0;
  }
  .hint {
    font-size: 0.85em;
  }
  [part='feedback'] {
    position: absolute;
    left: 8px;
    right: 8px;
    bottom: 8px;
    padding: 6px 10px;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--drop-reject-color);
    color: #fff;
    font-weight: 600;
    font-size: 0.9em;
    z-index: 2;
  }
  [part='feedback'].accept {
    background: var(--drop-accept-color);
  }
  [part='feedback'][hidden] {
    display: none;
  }
  ::slotted(*) {
    position: absolute;
    inset: 0;
  }
`;
