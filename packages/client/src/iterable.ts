/** The subset of a tRPC subscription call that {@link toAsyncIterable} needs. */
export type Subscribe<T> = (handlers: {
  onData: (value: T) => void;
  onError: (error: unknown) => void;
  onComplete: () => void;
}) => { unsubscribe: () => void };

/**
 * Turns a callback subscription into an async iterable that ends when the server completes, the consumer stops
 * (`break`/`return`), or `signal` aborts. Values that arrive faster than the consumer reads are queued in order.
 */
export function toAsyncIterable<T>(
  subscribe: Subscribe<T>,
  signal: AbortSignal | undefined,
  wrapError: (e: unknown) => Error,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const queue: T[] = [];
      let done = false;
      let failure: Error | undefined;
      let wake: (() => void) | undefined;
      const notify = () => {
        wake?.();
        wake = undefined;
      };
      const sub = subscribe({
        onData: (value) => {
          queue.push(value);
          notify();
        },
        onError: (e) => {
          failure = wrapError(e);
          done = true;
          notify();
        },
        onComplete: () => {
          done = true;
          notify();
        },
      });
      const stop = () => {
        done = true;
        sub.unsubscribe();
        notify();
      };
      if (signal?.aborted) stop();
      else signal?.addEventListener('abort', stop, { once: true });
      return {
        async next(): Promise<IteratorResult<T>> {
          while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
          if (queue.length > 0) return { value: queue.shift() as T, done: false };
          signal?.removeEventListener('abort', stop);
          if (failure) {
            const e = failure;
            failure = undefined;
            throw e;
          }
          return { value: undefined, done: true };
        },
        async return(): Promise<IteratorResult<T>> {
          stop();
          signal?.removeEventListener('abort', stop);
          return { value: undefined, done: true };
        },
      };
    },
  };
}
