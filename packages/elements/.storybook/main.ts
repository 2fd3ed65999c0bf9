import fs from 'node:fs';
import path from 'node:path';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';

/**
 * `@ocp/contract` (and any other `@ocp/*` import) from its TypeScript sources, its `development` export, so Storybook
 * runs on a fresh clone without building the packages first. Only for `@ocp/*`: the `development` condition for the
 * whole build would also pick Lit's development build.
 */
function workspaceSources(): Plugin {
  const packageDir = path.resolve(import.meta.dirname, '..');
  return {
    name: 'ocp-workspace-sources',
    enforce: 'pre',
    resolveId(source) {
      const match = /^(@ocp\/[^/]+)(\/.*)?$/.exec(source);
      if (!match) return null;
      const dir = path.join(packageDir, 'node_modules', match[1]!);
      if (!fs.existsSync(path.join(dir, 'package.json'))) return null;
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        exports?: Record<string, string | { development?: string }>;
      };
      const entry = pkg.exports?.[`.${match[2] ?? ''}`];
      const target = typeof entry === 'string' ? entry : entry?.development;
      return target ? fs.realpathSync(path.join(dir, target)) : null;
    },
  };
}

const config: StorybookConfig = {
  stories: ['../src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(config) {
    // Lit's legacy decorators (the repo's tsconfig), read by esbuild inside Vite.
    config.esbuild = {
      ...(typeof config.esbuild === 'object' ? config.esbuild : {}),
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    };
    config.plugins = [...(config.plugins ?? []), workspaceSources()];
    return config;
  },
};

export default config;
