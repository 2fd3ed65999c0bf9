import { css } from 'lit';

export default css`
  :host {
    --panel-width: 20rem;
    display: inline-block;
    position: relative;
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 4px 10px;
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.8;
  }
  [part='trigger'] {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  [part='panel'] {
    position: absolute;
    z-index: 10;
    top: calc(100% + 4px);
    /* The control sits at the start of the dashboard's toolbar: the panel opens towards the page. */
    left: 0;
    width: var(--panel-width);
    max-width: 90vw;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    padding: var(--_space);
    display: grid;
    gap: var(--_space);
  }
  .presets {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 4px;
  }
  [part='preset'] {
    text-align: left;
    border-color: transparent;
    background: transparent;
  }
  [part='preset']:hover {
    background: var(--_color-surface-raised);
  }
  [part='preset'][aria-pressed='true'] {
    background: var(--_color-accent);
    color: var(--_color-accent-text);
  }
  fieldset {
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) - 2px);
    margin: 0;
    display: grid;
    gap: 6px;
  }
  label {
    display: grid;
    gap: 2px;
    color: var(--_color-text-muted);
  }
  input {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-bg);
    border: 1px solid var(--_color-border);
    border-radius: 4px;
    padding: 4px 6px;
  }
  .hint {
    margin: 0;
    font-size: 0.85em;
    color: var(--_color-text-muted);
  }
  .problem {
    margin: 0;
    color: var(--_color-danger);
  }
  button[type='submit'] {
    justify-self: end;
    background: var(--_color-accent);
    color: var(--_color-accent-text);
    border-color: var(--_color-accent);
  }
`;
