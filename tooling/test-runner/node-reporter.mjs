// A node:test reporter that counts leaf tests and records them for the root summary (see results.mjs).
// It prints nothing: the spec reporter runs beside it for humans.
import { writeResult } from './results.mjs';

export default async function* countingReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    if (data.details?.type === 'suite') {
      // A suite fails on its own only when a hook throws; count that once, its tests never ran.
      if (event.type === 'test:fail' && data.details?.error?.failureType === 'hookFailed') counts.failed++;
      continue;
    }
    if (data.skip || data.todo) counts.skipped++;
    else if (event.type === 'test:pass') counts.passed++;
    else {
      counts.failed++;
      counts.failures.push(`${data.file ?? ''} › ${data.name}`);
    }
  }
  writeResult(process.env.OCP_TEST_SUITE ?? 'node', counts);
  yield '';
}
