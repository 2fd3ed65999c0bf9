import type { OcpDataProvider } from '@ocp/contract';
import { type OcpProviderError, toProviderError } from '@ocp/contract/errors';
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { OcpErrorEvent } from '../events/error.js';
import { defaultProvider } from '../provider/default.js';

/** Loading, empty and error states shared by every data-backed element. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/**
 * Base of every `ocp-*` element: the `theme` attribute, the `provider` property (falling back to the page default),
 * and helpers to dispatch events and report provider failures as `ocp-error`.
 */
export class OcpElement extends LitElement {
  /** `light` or `dark` forces a theme; unset follows the inherited `color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Where data comes from. Unset: the page default from `setDefaultProvider()`. */
  @property({ attribute: false }) provider?: OcpDataProvider;

  protected get activeProvider(): OcpDataProvider | undefined {
    return this.provider ?? defaultProvider();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // With only a page default (setDefaultProvider), `provider` itself never changes, so elements that load
    // on `changed.has('provider')` would stay empty. The first update counts as a provider change.
    if (!this.hasUpdated && !changed.has('provider') && defaultProvider()) {
      (changed as Map<PropertyKey, unknown>).set('provider', undefined);
    }
    super.willUpdate(changed);
  }

  /** Dispatches an event; returns false when a listener cancelled it. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /** Normalizes a failure, announces it as `ocp-error`, and returns it for display. */
  protected fail(error: unknown, operation: string): OcpProviderError {
    const e = toProviderError(error);
    this.emit(new OcpErrorEvent({ error: e, operation }));
    return e;
  }

  /** Text for an error state, by tRPC code. */
  protected errorText(error: OcpProviderError | undefined): string {
    switch (error?.code) {
      case 'NOT_FOUND':
        return 'Not found, or you do not have access.';
      case 'FORBIDDEN':
        return 'You do not have permission to do this.';
      case 'UNAUTHORIZED':
        return 'Please sign in again.';
      default:
        return error?.message || 'Something went wrong.';
    }
  }
}
