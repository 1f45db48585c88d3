#!/usr/bin/env node
// `npm run test:e2e`: the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3)
// driven by Debian's Chromium.
//   1. packages the extension (npm run package -> postmortem-authoring.vsix) and compiles the
//      in-host suite (scripts/e2e/build-suite.mjs) into this run's folder;
//   2. installs the .vsix with `code-server --install-extension`;
//   3. in-host suite: the installed (unpacked) extension plus the compiled suite, as
//      extensionDevelopmentPath/extensionTestsPath of a workbench opened by Chromium; mocha runs
//      inside the extension host and reports through the page;
//   4. UI test (test/e2e/ui/): a second code-server with the .vsix installed as a person installs
//      it, driven through the workbench by Playwright;
//   5. prints `e2e: N passed, M failed` and exits non-zero on any failure.
// Options: --skip-package (reuse postmortem-authoring.vsix, or POSTMORTEM_E2E_VSIX), --only=inhost|ui.
// Environment: CI=true makes missing prerequisites a failure; POSTMORTEM_E2E_KEEP=1 keeps the
// run folder; POSTMORTEM_E2E_GREP filters in-host tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Mocha from 'mocha';
import { buildSuite } from './build-suite.mjs';
import { installExtension, launchBrowser, startCodeServer, workbenchUrl } from './code-server.mjs';
import {
  checkVsix,
  cleanupAll,
  collectExtensionLogs,
  firstError,
  findInstalledExtension,
  makeRunDir,
  missingPrerequisites,
  prepareExtensionUnderTest,
  printExtensionLogs,
  prepareWorkspace,
  repoRoot,
  resultsDir,
  run,
  sandboxEnv,
} from './lib.mjs';

const args = process.argv.slice(2);
const skipPackage = args.includes('--skip-package');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const started = performance.now();
const totals = { passed: 0, failed: 0 };
const failures = [];
/** Causes read from the extension's own logs, printed above the summary. */
const diagnoses = new Set();

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function step(name, fn) {
  const t = performance.now();
  console.log(`e2e: ${name} ...`);
  const value = await fn();
  console.log(`e2e: ${name} done (${seconds(t)})`);
  return value;
}

function fail(title, message) {
  totals.failed++;
  failures.push({ title, message });
}

function finish(code) {
  console.log('');
  if (failures.length) {
    console.log('e2e: failures:');
    for (const f of failures) console.log(`  - ${f.title}\n      ${String(f.message).split('\n').join('\n      ')}`);
  }
  for (const d of diagnoses) console.log(`e2e: the extension's log says: ${d}`);
  console.log(`e2e: total time ${seconds(started)}`);
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
  return code;
}

// --- in-host suite -------------------------------------------------------------------------------

/** Runs the mocha suite inside code-server's extension host and adds up its results. */
async function runInHost({ runDir, installedDir, suiteDir, env }) {
  const { extensionPath, testsPath } = prepareExtensionUnderTest(installedDir, join(runDir, 'extension-under-test'), suiteDir);
  const workspace = prepareWorkspace(join(runDir, 'workspace-inhost'));
  const resultsFile = join(runDir, 'inhost-results.json');
  const logFile = join(runDir, 'inhost-mocha.log');
  const hostEnv = { ...env, POSTMORTEM_E2E_RESULTS: resultsFile, POSTMORTEM_E2E_LOG: logFile };
  const [server, browser] = await Promise.all([
    startCodeServer({ name: 'inhost', runDir, extensionsDir: join(runDir, 'extensions-empty'), env: hostEnv }),
    launchBrowser({ runDir, name: 'inhost', env }),
  ]);
  const page = await browser.newPage();
  const consoleLog = [];
  const exited = new Promise((resolveExit) => {
    page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  });
  page.on('console', (message) => consoleLog.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLog.push(`[pageerror] ${error.message}`));
  await page.goto(workbenchUrl(server, workspace, { extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath }));
  const timeoutMs = Number(process.env.POSTMORTEM_E2E_INHOST_TIMEOUT) || 240000;
  let timer;
  const code = await Promise.race([
    exited,
    new Promise((resolveTimeout) => (timer = setTimeout(() => resolveTimeout('timeout'), timeoutMs))),
  ]);
  clearTimeout(timer);
  mkdirSync(resultsDir, { recursive: true });
  if (code !== 0) await page.screenshot({ path: join(resultsDir, 'inhost-failure.png') }).catch(() => {});
  writeFileSync(join(resultsDir, 'inhost-browser-console.log'), consoleLog.join('\n'));
  await browser.close();
  writeFileSync(join(resultsDir, 'inhost-code-server.log'), server.log.join(''));
  await server.stop();
  const extensionLogs = collectExtensionLogs(server.userDataDir, 'inhost');

  if (existsSync(logFile)) {
    const report = readFileSync(logFile, 'utf8');
    writeFileSync(join(resultsDir, 'inhost-mocha.log'), report);
    process.stdout.write(report.replace(/^(?=.)/gm, '  ').replace(/^  e2e-inhost-result:.*\n/m, ''));
  }
  const result = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
  if (code === 'timeout') {
    fail('in-host suite', `did not finish within ${timeoutMs} ms (see test-results/inhost-*.log and inhost-failure.png)`);
  } else if (!result) {
    fail('in-host suite', `the extension host exited with code ${code} without running the suite (see test-results/inhost-*.log)`);
  }
  if (code !== 0 || !result || result.failed) {
    printExtensionLogs(extensionLogs);
    const cause = firstError(extensionLogs);
    if (cause) diagnoses.add(cause);
  }
  if (result) {
    totals.passed += result.passed;
    for (const f of result.failures) fail(`in-host: ${f.title}`, f.message);
    if (code !== 'timeout' && (code === 0) !== (result.failed === 0)) {
      fail('in-host suite', `exit code ${code} does not match ${result.failed} failure(s)`);
    }
  }
}

// --- UI test -----------------------------------------------------------------------------------

async function runUi({ runDir, extensionsDir }) {
  process.env.POSTMORTEM_E2E_WORKSPACE = prepareWorkspace(join(runDir, 'workspace-ui'));
  process.env.POSTMORTEM_E2E_EXTENSIONS_DIR = extensionsDir;
  process.env.POSTMORTEM_E2E_RUN_DIR = runDir;
  const failedBefore = totals.failed;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60000, slow: 10000, bail: true });
  mocha.addFile(join(repoRoot, 'test/e2e/ui/postmortem.ui.mjs'));
  await mocha.loadFilesAsync();
  await new Promise((resolveRun) => {
    const runner = mocha.run(() => resolveRun());
    runner.on('pass', () => totals.passed++);
    runner.on('fail', (test, error) => fail(`ui: ${test.fullTitle()}`, error?.message ?? error));
  });
  if (totals.failed > failedBefore) {
    const extensionLogs = collectExtensionLogs(join(runDir, 'ui-user-data'), 'ui');
    printExtensionLogs(extensionLogs);
    const cause = firstError(extensionLogs);
    if (cause) diagnoses.add(cause);
  }
}

// --- main --------------------------------------------------------------------------------------

async function main() {
  const missing = missingPrerequisites();
  if (missing.length) {
    for (const m of missing) console.error(`e2e: ${m}`);
    console.error('e2e: run `npm run e2e:install` (scripts/e2e/install.sh) to install them');
    if (process.env.CI && process.env.CI !== 'false') {
      fail('prerequisites', missing.join('; '));
      return finish(1);
    }
    console.log('e2e: real-editor tests SKIPPED (not in CI); nothing was tested');
    return 0;
  }

  if (!skipPackage) {
    await step('packaging the extension (npm run package)', () => run('npm', ['run', 'package'], { cwd: repoRoot, stdio: 'pipe' }));
  }
  const vsix = checkVsix();
  const runDir = makeRunDir();
  const suiteDir = await step('compiling the in-host suite', () => buildSuite(join(runDir, 'suite')));
  const env = sandboxEnv(runDir);
  const extensionsDir = join(runDir, 'extensions');
  await step(`installing ${vsix} into code-server`, () =>
    installExtension({ vsix, extensionsDir, userDataDir: join(runDir, 'install-user-data'), env }),
  );
  const installedDir = findInstalledExtension(extensionsDir);

  if (!only || only === 'inhost') {
    await step('in-host suite (mocha in the code-server extension host)', () =>
      runInHost({ runDir, installedDir, suiteDir, env }).catch((error) => fail('in-host suite', error?.stack ?? error)),
    );
  }
  if (!only || only === 'ui') {
    await step('UI test (Playwright + Chromium)', () =>
      runUi({ runDir, extensionsDir }).catch((error) => fail('UI test', error?.stack ?? error)),
    );
  }
  if (totals.passed + totals.failed === 0) fail('e2e', 'no test ran');
  return finish(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  fail('e2e harness', error?.stack ?? error);
  exitCode = finish(1);
} finally {
  await cleanupAll();
}
process.exit(exitCode);
