import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ts: number;
  tts?: number;
}

/**
 * Runs `work` under a trace and returns, besides its result, the main thread's own time (ms of CPU, from the trace's
 * thread timestamps) between the page's last `bench-start` and `bench-end` marks. On a busy machine the wall clock
 * also counts the time other processes had the CPU; this does not. It leaves out what other threads do (raster,
 * GPU) and any waiting (an extra task or frame before an event shows only on the wall clock), so it is read beside
 * the wall-clock time, never instead of it.
 */
export async function withMainThreadTime<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
): Promise<{ value: T; cpuMs: number }> {
  await browser.startTracing(page, { categories: ['blink.user_timing'] });
  let value: T;
  try {
    value = await work();
  } catch (e) {
    await browser.stopTracing();
    throw e;
  }
  const trace = await browser.stopTracing();
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const last = (name: string) => events.filter((e) => e.name === name).at(-1);
  const start = last('bench-start');
  const end = last('bench-end');
  if (start?.tts === undefined || end?.tts === undefined)
    throw new Error('the trace has no bench-start/bench-end marks with thread timestamps');
  return { value, cpuMs: (end.tts - start.tts) / 1000 };
}
