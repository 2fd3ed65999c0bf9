import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './text.styles.js';

/**
 * @summary A text block for `text` slots: a heading and paragraphs of plain text (never HTML).
 *
 * @description Blank lines separate paragraphs. Text is rendered as text, so markup in it shows literally.
 *
 * @csspart base - The block.
 * @csspart heading - The heading.
 * @csspart body - The paragraphs.
 *
 * @cssstate state - Reflected as `state`: `ready`, `loading`, `empty` or `error`.
 */
@customElement('ocp-text')
export class OcpText extends OcpElement {
  static override styles = [themeStyles, styles];

  /** Optional heading. */
  @property() heading = '';

  /** The text; blank lines separate paragraphs. */
  @property() text = '';

  /** `loading` and `error` show those states (for hosts that fetch the text themselves); otherwise derived. */
  @property({ reflect: true }) state: 'ready' | 'loading' | 'empty' | 'error' = 'ready';

  /** Message shown in the error state. */
  @property({ attribute: 'error-message' }) errorMessage = 'Could not load this text.';

  protected override willUpdate(): void {
    if (this.state !== 'loading' && this.state !== 'error') this.state = this.text.trim() ? 'ready' : 'empty';
  }

  protected override render() {
    let body: unknown;
    if (this.state === 'loading')
      body = html`<div role="status" aria-label="Loading"><div class="skeleton"></div><div class="skeleton"></div></div>`;
    else if (this.state === 'error') body = html`<p class="state error" role="alert">${this.errorMessage}</p>`;
    else if (this.state === 'empty') body = html`<p class="state">No text yet.</p>`;
    else body = this.text.split(/\n\s*\n/).map((p) => html`<p>${p}</p>`);
    return html`<div part="base">
      ${this.heading ? html`<h3 part="heading">${this.heading}</h3>` : null}
      <div part="body">${body}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-text': OcpText;
  }
}
