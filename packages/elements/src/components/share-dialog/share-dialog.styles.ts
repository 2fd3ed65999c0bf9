import { css } from 'lit';

export default css`
  :host {
    --width: min(520px, 92vw);
    display: contents;
  }
  [part='dialog'] {
    width: var(--width);
    padding: 0;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.25);
  }
  [part='dialog']::backdrop {
    background: rgba(0, 0, 0, 0.35);
  }
  [part='header'] {
    display: flex;
    align-items: center;
    padding: 12px 16px;
    border-bottom: 1px solid var(--_color-border);
  }
  [part='header'] h2 {
    margin: 0;
    font-size: 1.1em;
    flex: 1;
  }
  [part='body'] {
    padding: 12px 16px;
    display: grid;
    gap: 12px;
  }
  form {
    display: grid;
    gap: 8px;
  }
  label {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  [part='created'] {
    display: flex;
    gap: 8px;
    padding: 8px;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_color-surface-raised);
  }
  [part='created'] input {
    flex: 1;
  }
  [part='links'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  [part='links'] li {
    display: flex;
    gap: 8px;
    align-items: center;
    font-size: 0.9em;
  }
  [part='links'] li span {
    flex: 1;
  }
  h3 {
    font-size: 0.95em;
    margin: 0;
  }
`;
