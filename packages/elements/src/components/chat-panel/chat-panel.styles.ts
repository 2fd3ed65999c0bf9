import { css } from 'lit';

export default css`
  :host {
    --height: 480px;
    display: block;
    height: var(--height);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  [part='header'] {
    display: flex;
    gap: 8px;
    padding: 8px 10px;
    border-bottom: 1px solid var(--_color-border);
    flex-wrap: wrap;
  }
  [part='header'] label {
    display: flex;
    gap: 6px;
    align-items: center;
    font-size: 0.9em;
    color: var(--_color-text-muted);
  }
  [part='messages'] {
    flex: 1;
    overflow-y: auto;
    padding: 10px;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  [part~='message'] {
    max-width: 85%;
    padding: 8px 12px;
    border-radius: 12px;
    background: var(--_color-surface-raised);
    white-space: pre-wrap;
    line-height: 1.45;
  }
  [part~='message-user'] {
    align-self: flex-end;
    background: var(--_color-accent);
    color: var(--_color-accent-text);
  }
  .items {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 6px;
  }
  .item {
    display: inline-flex;
    gap: 6px;
    align-items: center;
    font-size: 0.85em;
    border: 1px solid var(--_color-border);
    border-radius: 999px;
    padding: 2px 4px 2px 10px;
    background: var(--_color-surface);
  }
  .item button {
    border-radius: 999px;
    padding: 0 8px;
  }
  [part='confirmation'] {
    margin-top: 8px;
    padding: 8px 10px;
    border: 1px solid var(--_color-border);
    border-left: 3px solid var(--_color-accent);
    border-radius: 8px;
    background: var(--_color-surface);
    white-space: normal;
  }
  [part='confirmation'] p {
    margin: 0;
  }
  [part='confirmation'] .actions {
    display: flex;
    gap: 8px;
    margin-top: 8px;
  }
  [part='confirmation'] .decided {
    margin-top: 6px;
    color: var(--_color-text-muted);
    overflow-wrap: anywhere;
  }
  [part='confirmation'] .error {
    margin-top: 6px;
    color: var(--_color-danger);
  }
  [part='composer'] {
    display: flex;
    gap: 8px;
    padding: 10px;
    border-top: 1px solid var(--_color-border);
  }
  [part='input'] {
    flex: 1;
    resize: none;
    min-height: 2.4em;
  }
  [part~='message']:has([part='preview']) {
    max-width: 100%;
    width: 100%;
    box-sizing: border-box;
  }
  [part='changes'] {
    white-space: normal;
    margin-top: 8px;
    padding: 8px;
    border: 1px dashed var(--_color-accent, #2563eb);
    border-radius: var(--_radius);
  }
  [part='changes'][data-status='applied'] {
    border-style: solid;
  }
  [part='changes'][data-status='discarded'],
  [part='changes'][data-status='undone'] {
    opacity: 0.7;
  }
  [part='changes'] p,
  [part='changes'] ul {
    margin: 0 0 6px;
  }
  [part='changes'] ul {
    padding-left: 1.2em;
  }
  [part='changes'] .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  [part='preview'] {
    margin-top: 8px;
    display: grid;
    gap: 8px;
  }
  .preview-tab {
    margin: 0;
  }
  .preview-tab figcaption {
    font-size: 0.85em;
    color: var(--_color-text-muted);
    margin-bottom: 4px;
  }
  .preview-grid {
    display: grid;
    gap: 4px;
    grid-auto-rows: minmax(48px, auto);
  }
  .preview-slot {
    border: 1px solid var(--_color-border);
    border-radius: 4px;
    padding: 4px;
    font-size: 0.8em;
    display: flex;
    flex-direction: column;
    min-width: 0;
    background: var(--_color-surface);
  }
  .preview-slot[data-change] {
    border: 2px solid var(--_color-accent, #2563eb);
    background: color-mix(in srgb, var(--_color-accent, #2563eb) 8%, var(--_color-surface));
  }
  .preview-slot[data-change='removed'] {
    border-color: var(--_color-danger, #b91c1c);
    background: color-mix(in srgb, var(--_color-danger, #b91c1c) 8%, var(--_color-surface));
  }
  .preview-slot .slot-key {
    color: var(--_color-text-muted);
  }
  .preview-slot .mark {
    text-transform: uppercase;
    font-size: 0.85em;
    color: var(--_color-accent, #2563eb);
  }
  .preview-slot ocp-chart {
    height: 140px;
  }
  .typing::after {
    content: '▍';
    animation: blink 1s steps(2) infinite;
  }
  @keyframes blink {
    to {
      opacity: 0;
    }
  }
`;
