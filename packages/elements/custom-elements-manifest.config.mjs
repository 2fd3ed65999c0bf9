// Custom Elements Manifest (custom-elements.json): the elements' attributes, properties, events, slots, parts and
// CSS properties read from their JSDoc, for Storybook's docs, IDEs and framework wrappers.
export default {
  // The base class is included so inherited members (theme, provider) are listed on every element.
  globs: ['src/components/*/*.ts', 'src/internal/ocp-element.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
};
