import { demoData } from '../../demo/demo-data.js';
import type { MemoryData } from '../../provider/memory-data.js';
import { MemoryProvider, type MemoryProviderOptions } from '../../provider/memory-provider.js';

/** A fresh in-memory provider over the demo energy workspace (each test gets its own copy). */
export function demoProvider(options?: MemoryProviderOptions): MemoryProvider {
  return new MemoryProvider(demoData, options);
}

export const demo: MemoryData = demoData;

export const chartByTitle = (title: string) => {
  const c = demoData.charts.find((x) => x.title === title);
  if (!c) throw new Error(`no demo chart ${title}`);
  return c;
};

export const templateByName = (name: string) => {
  const t = demoData.templates.find((x) => x.name === name);
  if (!t) throw new Error(`no template ${name}`);
  return t;
};
