// Custom Elements Manifest (custom-elements.json): the elements' attributes, properties, events, slots, parts and
// CSS properties read from their JSDoc, for Storybook's docs, IDEs, the React JSX types (scripts/react-types.mjs)
// and framework wrappers. tooling/package-tests/test/manifest.test.ts fails when an element's template or styles use
// a part, slot, event or CSS property that is not documented here.

/**
 * The analyzer reads `@summary` but not `@description` (only the text before the first tag). Our elements keep the
 * longer text under `@description`, so this copies it into the manifest's `description`.
 */
function descriptionTag() {
  return {
    name: 'ocp-description-tag',
    analyzePhase({ ts, node, moduleDoc }) {
      if (node.kind !== ts.SyntaxKind.ClassDeclaration) return;
      const classDoc = moduleDoc?.declarations?.find((d) => d.name === node.name?.getText());
      if (!classDoc) return;
      for (const jsDoc of node.jsDoc ?? []) {
        for (const tag of jsDoc.tags ?? []) {
          if (tag.tagName.getText() !== 'description') continue;
          const text = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment);
          if (text?.trim()) classDoc.description = text.trim();
        }
      }
    },
  };
}

export default {
  // The base class is included so inherited members (theme, provider) are listed on every element.
  globs: ['src/components/*/*.ts', 'src/internal/ocp-element.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [descriptionTag()],
};
