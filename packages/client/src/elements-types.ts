/**
 * The elements' provider contract, imported as types only: nothing of `@ocp/elements` (or Lit) is loaded at runtime.
 * One file, so the import path changes in one place.
 */
export type * from '@ocp/elements';
