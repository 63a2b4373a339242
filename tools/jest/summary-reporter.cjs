// Writes each Jest run's totals to .atlas/test-results, so the test command can print one closing
// line for all projects.
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const directory = path.join(__dirname, '..', '..', '.atlas', 'test-results');
    mkdirSync(directory, { recursive: true });
    const name = `${path.basename(this.rootDir)}-${process.pid}.json`;
    const totals = {
      project: path.relative(path.join(__dirname, '..', '..'), this.rootDir),
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    writeFileSync(path.join(directory, name), JSON.stringify(totals));
  }
}

module.exports = SummaryReporter;
