import type { Cell } from '@ocp/contract';
import type { ColumnType, DataSummary } from './world.js';

/**
 * How both worlds (the server's data catalogue and the in-memory provider) describe data to the agent, so the
 * grammar sees the same types and the same energy source whichever provider it runs over.
 */

const DATE_TIME = /^\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;

/** A column's type from its first non-empty sample value (text that reads as an ISO date or time: `datetime`). */
export function columnType(sample: readonly Cell[]): ColumnType {
  const first = sample.find((v): v is string | number | boolean => v !== null && v !== '');
  if (first === undefined) return 'empty';
  if (typeof first === 'number') return 'number';
  if (typeof first === 'boolean') return 'boolean';
  return DATE_TIME.test(first) ? 'datetime' : 'string';
}

/** The energy tables as a source: time and the five measures, without samples (the same for every workspace). */
export function energySummary(): DataSummary {
  const number = (name: string) => ({ name, type: 'number' as const, sample: [] });
  return {
    source: 'energy',
    id: 'energy',
    title: 'Energy readings',
    rowCount: 0,
    columns: [
      { name: 'time', type: 'datetime', sample: [] },
      ...['solar', 'wind', 'battery', 'grid', 'demand'].map(number),
    ],
  };
}
