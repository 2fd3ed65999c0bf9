import type { Columns } from '@ocp/contract';
import { storedKind } from './storage/numeric-view.js';

interface Entry {
  columns: Promise<Columns>;
  cells: number;
}

/**
 * Datasets' columns as read from the database and parsed, kept per (dataset, version, columns): reading a large
 * dataset out of its JSON chunks is most of a cold chart's time, and every chart on the dataset reads the same. The
 * version (the item's updated_at) is read, with the access check, before every use, so an edited dataset is a new
 * key and nothing stale is served; the pipeline never writes into its input columns. Bounded by cells held (a stored
 * number or time column's typed array counting as many again), least recently used dropped first.
 */
export class DatasetColumnCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxCells: number;
  #cells = 0;

  constructor(options: { maxCells?: number } = {}) {
    this.#maxCells = options.maxCells ?? 8_000_000;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(datasetId: string, version: string, names: string[], read: (names: string[]) => Promise<Columns>) {
    const key = JSON.stringify([datasetId, version, [...names].sort()]);
    const held = this.#entries.get(key);
    if (held) {
      this.#entries.delete(key);
      this.#entries.set(key, held);
      return held.columns;
    }
    const entry: Entry = { columns: read(names), cells: 0 };
    this.#entries.set(key, entry);
    entry.columns.then(
      (columns) => {
        if (this.#entries.get(key) !== entry) return;
        // A stored number or time column also holds its values as a Float64Array: it counts twice.
        entry.cells = Object.values(columns).reduce((n, c) => n + c.length * (storedKind(c) ? 2 : 1), 0);
        this.#cells += entry.cells;
        for (const [oldest, e] of this.#entries) {
          if (this.#cells <= this.#maxCells || oldest === key) break;
          this.#drop(oldest, e);
        }
        if (this.#cells > this.#maxCells) this.#drop(key, entry); // larger than the whole budget: not kept
      },
      () => this.#drop(key, entry),
    );
    return entry.columns;
  }

  clear(): void {
    this.#entries.clear();
    this.#cells = 0;
  }

  #drop(key: string, entry: Entry): void {
    if (this.#entries.get(key) !== entry) return;
    this.#entries.delete(key);
    this.#cells -= entry.cells;
  }
}
