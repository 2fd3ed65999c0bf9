/**
 * Test fixtures: mount markup in a container that is removed after each test, wait for Lit and for events.
 */
import { html, render, type TemplateResult } from 'lit';

const mounted: HTMLElement[] = [];

/** Renders `template` into a fresh container (optionally sized) attached to the body; returns the first element. */
export async function fixture<T extends Element>(template: TemplateResult, style = 'width: 800px;'): Promise<T> {
  const container = document.createElement('div');
  container.setAttribute('style', style);
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  const el = container.firstElementChild as T;
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}

/** Removes every fixture (call in afterEach). */
export function cleanup(): void {
  for (const c of mounted.splice(0)) c.remove();
}

/** Resolves with the next `type` event dispatched on `target`, or rejects after `ms`. */
export function oneEvent<E extends Event = Event>(target: EventTarget, type: string, ms = 15_000): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), ms);
    target.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve(e as E);
      },
      { once: true },
    );
  });
}

/** Polls `check` until it returns truthy, or throws after `ms`. */
export async function waitUntil<T>(check: () => T, message = 'condition', ms = 15_000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

export { html };
