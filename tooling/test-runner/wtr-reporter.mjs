// A @web/test-runner reporter that counts tests across all browser sessions and records them for the root summary
// (see results.mjs). It prints only the suite's closing `N passed, N failed` line; the default reporter runs beside
// it for humans. A test file that failed outside any test (did not load, threw at top level, timed out) counts as
// one failure, so a broken file can never look green.
import { writeResult } from './results.mjs';

function countSuite(suite, file, path, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else {
      counts.failed++;
      counts.failures.push(`${file} › ${[...path, test.name].join(' › ')}`);
    }
  }
  for (const child of suite.suites ?? []) countSuite(child, file, [...path, child.name], counts);
}

/** @param {string} suite name under which the counts are recorded, e.g. '@ocp/elements:chromium' */
export function countingReporter(suite) {
  let counts;
  return {
    onTestRunStarted() {
      counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
    },
    onTestRunFinished({ sessions }) {
      counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const session of sessions) {
        const file = session.testFile.replace(`${process.cwd()}/`, '');
        const before = counts.passed + counts.failed + counts.skipped;
        if (session.testResults) countSuite(session.testResults, file, [], counts);
        const counted = counts.passed + counts.failed + counts.skipped - before;
        const fileErrors = (session.errors ?? []).length + (session.testResults?.errors ?? []).length;
        if (fileErrors > 0 || (!session.passed && counted === 0) || (counted === 0 && session.status !== 'FINISHED')) {
          counts.failed++;
          const first = session.errors?.[0] ?? session.testResults?.errors?.[0];
          counts.failures.push(`${file} › (file) ${first?.message ?? 'failed outside any test'}`);
        }
      }
      writeResult(suite, counts);
    },
    stop() {
      if (counts) console.log(`\n${suite}: ${counts.passed} passed, ${counts.failed} failed`);
    },
  };
}
