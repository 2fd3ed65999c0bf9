import type { StorybookConfig } from '@storybook/web-components-vite';

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
    return config;
  },
};

export default config;
