import { demoProvider } from './demo-provider.js';

/** Providers for the loading, empty and error variants of every story. */
export const providers = {
  demo: () => demoProvider({ latency: 150 }),
  loading: () => demoProvider({ latency: Number.POSITIVE_INFINITY }),
  error: () => demoProvider({ fail: () => 'INTERNAL_SERVER_ERROR' }),
  forbidden: () => demoProvider({ fail: () => 'FORBIDDEN' }),
};
