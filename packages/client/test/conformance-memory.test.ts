import { demoData } from '@ocp/elements/demo';
import { MemoryProvider } from '@ocp/elements/memory';
import { providerConformance } from './conformance/suite.js';

providerConformance('MemoryProvider', async () => {
  const provider = new MemoryProvider(demoData, { streamDelay: 1 });
  return { provider, dashboardId: provider.data.dashboards.find((d) => d.title === 'Site operations')!.id };
});
