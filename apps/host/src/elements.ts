/** The one import of `@ocp/elements` in the app: defines every `<ocp-*>` element and re-exports what the app uses. */
export * from '@ocp/elements';
