import { css, unsafeCSS } from 'lit';

/**
 * The design tokens and their defaults (light, dark). Each element reads `--ocp-*` with these fallbacks, so the
 * elements look right with no global CSS; `src/styles/tokens.css` lists the same tokens for hosts that want to set
 * them page-wide (a test keeps the two in sync). Light/dark follows the inherited `color-scheme` through
 * `light-dark()`, so `color-scheme: dark` on any ancestor (or `theme="dark"` on an element) switches the theme.
 */
export const TOKENS: Record<string, readonly [light: string, dark: string] | readonly [value: string]> = {
  '--ocp-font-family': ['system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'],
  '--ocp-font-size': ['14px'],
  '--ocp-radius': ['8px'],
  '--ocp-space': ['8px'],
  '--ocp-color-bg': ['#f6f8fa', '#0d1117'],
  '--ocp-color-surface': ['#ffffff', '#161b22'],
  '--ocp-color-surface-raised': ['#f0f3f6', '#21262d'],
  '--ocp-color-text': ['#1f2328', '#e6edf3'],
  '--ocp-color-text-muted': ['#59636e', '#9198a1'],
  '--ocp-color-border': ['#d1d9e0', '#3d444d'],
  '--ocp-color-accent': ['#0969da', '#4493f8'],
  '--ocp-color-accent-text': ['#ffffff', '#0d1117'],
  '--ocp-color-success': ['#1a7f37', '#3fb950'],
  '--ocp-color-danger': ['#d1242f', '#f85149'],
  '--ocp-color-focus': ['#0969da', '#4493f8'],
  // light-dark() takes colours only, so the shadow switches its colour rather than the whole value.
  '--ocp-shadow': ['0 1px 3px light-dark(rgba(31, 35, 40, 0.12), rgba(0, 0, 0, 0.6))'],
};

/** `--ocp-color-text` → `--_color-text`, resolved once per element with its fallback. */
const aliases = Object.entries(TOKENS)
  .map(([name, values]) => {
    const fallback = values.length === 2 ? `light-dark(${values[0]}, ${values[1]})` : values[0];
    return `--_${name.slice('--ocp-'.length)}: var(${name}, ${fallback});`;
  })
  .join('\n');

/** Shared by every element: token aliases, theme attribute, box sizing, focus ring, hidden state. */
export const themeStyles = css`
  :host {
    ${unsafeCSS(aliases)}
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    color: var(--_color-text);
    box-sizing: border-box;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border: 1px solid var(--_color-border);
    background: var(--_color-surface);
    border-radius: calc(var(--_radius) - 2px);
    padding: 4px 10px;
  }
  button:hover:not(:disabled) {
    background: var(--_color-surface-raised);
  }
  button.primary {
    background: var(--_color-accent);
    border-color: var(--_color-accent);
    color: var(--_color-accent-text);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 4px 8px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    color: var(--_color-text-muted);
    text-align: center;
    min-height: 100%;
  }
  .state.error {
    color: var(--_color-danger);
  }
  .skeleton {
    background: linear-gradient(90deg, var(--_color-surface-raised), var(--_color-surface), var(--_color-surface-raised));
    background-size: 200% 100%;
    animation: ocp-shimmer 1.4s ease-in-out infinite;
    border-radius: var(--_radius);
  }
  /* Waiting for nothing yet (e.g. a chart far from the viewport): a still placeholder. A moving one restyles and
     repaints in every frame, which a page of offscreen charts would do for as long as it is open. */
  .skeleton.still {
    animation: none;
  }
  @keyframes ocp-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;
