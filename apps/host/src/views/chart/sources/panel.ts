import type { DataSourceConfig, SourceOptions } from '@ocp/contract';
import type { FieldErrors } from '../field-errors.js';

export type SourceKind = DataSourceConfig['kind'];

/** One data-source kind's part of the chart form. */
export interface SourcePanel {
  kind: SourceKind;
  element: HTMLElement;
  /** The source's own fields as typed (no kind, mapping or transforms); the contract's schema judges them. */
  read(): Record<string, unknown>;
  /** Puts a source's fields (of this kind) into the form. */
  fill(source: DataSourceConfig): void;
  /** The columns the source holds, when the form knows them without asking the server. */
  columns(): string[] | null;
  /** Where a server error about reading the source belongs (its path in the config). */
  readField: string;
}

export interface PanelContext {
  errors: FieldErrors;
  /** Something changed that no input event reports (rows added, a dataset loaded): validate and preview again. */
  changed(): void;
  /** What the server offers to choose from (energy sites, sql connections). */
  options: Promise<SourceOptions>;
}
