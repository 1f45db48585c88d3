/**
 * Entry of the in-host suite: VS Code's extension host calls `run()` (extensionTestsPath) inside
 * a real editor, code-server (scripts/e2e/run.mjs) or desktop VS Code (scripts/e2e/run-vscode.mjs).
 * Mocha is bundled in (scripts/e2e/build-suite.mjs), so the suite needs nothing from the
 * repository's node_modules and can sit inside the unpacked .vsix.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
}

/** Marker of the result line (also written to POSTMORTEM_E2E_RESULTS for the code-server launcher). */
export const resultMarker = 'e2e-inhost-result:';

export function run(): Promise<void> {
  // The code-server launcher reads the report from this file (the extension host's console is
  // not forwarded to the page verbatim); desktop VS Code prints the console itself.
  const logFile = process.env.POSTMORTEM_E2E_LOG;
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const consoleLog = base.consoleLog;
  if (logFile) {
    writeFileSync(logFile, '');
    // Through mocha's reporter: the extension host does not let `console.log` be replaced.
    base.consoleLog = (...args: unknown[]) => {
      appendFileSync(logFile, `${format(...args)}\n`);
      consoleLog(...args);
    };
  }
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.POSTMORTEM_E2E_TIMEOUT) || 30000,
    slow: 5000,
    forbidOnly: Boolean(process.env.CI),
    grep: process.env.POSTMORTEM_E2E_GREP || undefined,
  });
  // Register mocha's globals (describe, it, ...) and then the test files, in this order: the
  // settings and restart tests come last because they change the server's state.
  mocha.suite.emit('pre-require', globalThis, 'e2e-suite', mocha);
  require('./package.test');
  require('./diagnostics.test');
  require('./editing.test');
  require('./commands.test');
  require('./fillIn.test');
  require('./status.test');
  require('./customTemplate.test');
  require('./settings.test');

  return new Promise((resolve, reject) => {
    const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [] };
    const runner = mocha.run((failures) => {
      base.consoleLog(`${resultMarker} ${JSON.stringify(result)}`);
      if (process.env.POSTMORTEM_E2E_RESULTS) writeFileSync(process.env.POSTMORTEM_E2E_RESULTS, JSON.stringify(result));
      base.consoleLog = consoleLog;
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => result.passed++);
    runner.on('pending', () => result.pending++);
    runner.on('fail', (test, error: Error) => {
      result.failed++;
      result.failures.push({ title: test.fullTitle(), message: String(error?.message ?? error) });
    });
  });
}
