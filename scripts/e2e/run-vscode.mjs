#!/usr/bin/env node
// `npm run test:vscode`: the same in-host suite as `npm run test:e2e`, in desktop VS Code
// downloaded by @vscode/test-electron, on the oldest VS Code the manifest supports
// (engines.vscode) and on stable. For machines that can download VS Code (a laptop, a public
// CI); on Linux without a display run it as `xvfb-run -a npm run test:vscode`.
// Like the code-server launcher it tests the packaged extension: the .vsix is installed with
// VS Code's own CLI into a scratch extensions folder, and that unpacked copy, with the compiled
// suite inside it, is the extensionDevelopmentPath.
// Options: --skip-package, --version=<x.y.z|stable|insiders> (repeatable).
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSuite } from './build-suite.mjs';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import {
  checkVsix,
  cleanupAll,
  findInstalledExtension,
  makeRunDir,
  manifest,
  prepareExtensionUnderTest,
  prepareWorkspace,
  repoRoot,
  run,
  sandboxEnv,
  writeUserSettings,
} from './lib.mjs';

const args = process.argv.slice(2);
const minimum = manifest.engines.vscode.replace(/^[\^~>=\s]+/, '');
const versions = args.filter((a) => a.startsWith('--version=')).map((a) => a.slice('--version='.length));
if (versions.length === 0) versions.push(minimum, 'stable');

const totals = { passed: 0, failed: 0 };
const problems = [];

async function runOn(version) {
  console.log(`\ne2e: VS Code ${version}`);
  const vscodeExecutablePath = await downloadAndUnzipVSCode(version);
  // Only the CLI's path: the profile folders are this run's own, given below.
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
  const runDir = makeRunDir();
  const env = sandboxEnv(runDir);
  const installDir = join(runDir, 'extensions-installed');
  run(cli, [...cliArgs, '--extensions-dir', installDir, '--user-data-dir', join(runDir, 'install-user-data'), '--install-extension', checkVsix(), '--force'], {
    env,
    shell: process.platform === 'win32',
  });
  const suiteDir = await buildSuite(join(runDir, 'suite'));
  const { extensionPath, testsPath } = prepareExtensionUnderTest(findInstalledExtension(installDir), join(runDir, 'extension-under-test'), suiteDir);
  const workspace = prepareWorkspace(join(runDir, 'workspace'));
  const userDataDir = join(runDir, 'user-data');
  writeUserSettings(userDataDir);
  const extensionsDir = join(runDir, 'extensions-empty');
  mkdirSync(extensionsDir, { recursive: true });
  const resultsFile = join(runDir, 'results.json');
  const sandbox = Object.fromEntries(Object.entries(env).filter(([k]) => k === 'HOME' || k.startsWith('XDG_') || k === 'NODE_EXTRA_CA_CERTS'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsPath,
      launchArgs: [
        workspace,
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
      ],
      extensionTestsEnv: { ...sandbox, POSTMORTEM_E2E_RESULTS: resultsFile },
    });
  } catch (error) {
    if (!existsSync(resultsFile)) problems.push(`VS Code ${version}: ${error?.message ?? error}`);
  }
  if (existsSync(resultsFile)) {
    const result = JSON.parse(readFileSync(resultsFile, 'utf8'));
    totals.passed += result.passed;
    totals.failed += result.failed;
    for (const f of result.failures) problems.push(`VS Code ${version}: ${f.title}\n      ${f.message.split('\n').join('\n      ')}`);
  } else {
    totals.failed++;
    problems.push(`VS Code ${version}: the suite did not report a result`);
  }
}

let code = 1;
try {
  if (!args.includes('--skip-package')) run('npm', ['run', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  for (const version of versions) await runOn(version);
  code = totals.failed || problems.length ? 1 : 0;
} catch (error) {
  problems.push(String(error?.stack ?? error));
  totals.failed++;
} finally {
  await cleanupAll();
}
if (problems.length) console.log(`\ne2e: failures:\n  - ${problems.join('\n  - ')}`);
console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(code);
