/**
 * The one import of `@ocp/elements` in the app: defines every `<ocp-*>` element and re-exports what the app uses.
 * (The package has no export map yet, so its entry is named by path here, in one place.)
 */
export * from '@ocp/elements/src/index.js';
