/**
 * One page-wide queue for Plotly drawing. Every chart's `newPlot`/`react` is synchronous work of tens of
 * milliseconds; charts whose data arrive together would otherwise draw back to back in one promise chain, a single
 * task of seconds that blocks input. Here each drawing waits for its turn and starts in a task of its own, after
 * yielding to the browser (input, rendering, other tasks), so no task holds more than one chart.
 */

type Scheduler = { yield?: () => Promise<void> };

/** Gives the main thread back: `scheduler.yield()` where the browser has it, else a message-channel task. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    // A MessageChannel task runs before timers (no 4 ms clamp after nesting), still after pending input.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

const waiting: Array<() => void> = [];
let busy = false;
/** A turn ended in the task that is running now (cleared by the next message-channel task, or later). */
let endedThisTask = false;

function markEnded(): void {
  if (endedThisTask) return;
  endedThisTask = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    endedThisTask = false;
  };
  channel.port2.postMessage(null);
}

/**
 * Waits for this caller's turn to draw, in a fresh task; the returned function ends the turn (call it in `finally`).
 * Turns are first come, first served. With `immediate` (a chart redrawing data it was given, e.g. a live update)
 * the turn starts in the caller's own task when nothing else is drawing and no turn has ended in that task: a single
 * update then costs no extra task (and, on a busy machine, no wait for the CPU); two drawings still never share a
 * task.
 */
export async function drawTurn(options: { immediate?: boolean } = {}): Promise<() => void> {
  const now = options.immediate === true && !busy && !endedThisTask;
  if (busy) await new Promise<void>((resolve) => waiting.push(resolve));
  busy = true;
  if (!now) await yieldToMain();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    markEnded();
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  };
}
