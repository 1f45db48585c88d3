// Shared pieces of the real-editor test launchers (run.mjs for code-server + Chromium,
// run-vscode.mjs for @vscode/test-electron): where things are, the sandbox every editor and
// browser runs in, the fixture workspace, the extension under test, and process clean-up.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
export const extensionId = `${manifest.publisher}.${manifest.name}`;
export const vsixPath = join(repoRoot, `${manifest.name}.vsix`);
/** The compiled in-host suite (scripts/e2e/build-suite.mjs writes it). */
export const suiteOutDir = join(repoRoot, 'out/test/e2e');
export const fixtureWorkspace = join(repoRoot, 'test/e2e/fixtures/workspace');
export const templatePath = join(repoRoot, 'templates/postmortem/postmortem-template.md');
export const resultsDir = join(repoRoot, 'test-results');

export const codeServerVersion = '4.100.3';
export const cacheDir = process.env.POSTMORTEM_E2E_CACHE || join(homedir(), '.cache/postmortem-e2e');
export const codeServerBin = join(cacheDir, `code-server-${codeServerVersion}`, 'node_modules/.bin/code-server');
export const chromiumPath = process.env.POSTMORTEM_E2E_CHROMIUM || '/usr/bin/chromium';

/** Chromium flags that keep it headless and off the (closed) network. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-dev-shm-usage',
];

/** What the real-editor run needs and is not there, as messages saying how to get it. */
export function missingPrerequisites() {
  const missing = [];
  if (!existsSync(codeServerBin)) missing.push(`code-server ${codeServerVersion} not found at ${codeServerBin}`);
  if (!existsSync(chromiumPath)) missing.push(`Chromium not found at ${chromiumPath}`);
  return missing;
}

// --- processes ---------------------------------------------------------------------------------

const children = new Set();
const cleanups = [];

/** Runs `fn` at exit (normal, error or signal), newest first. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

let cleanedUp = false;
export async function cleanupAll() {
  if (cleanedUp) return;
  cleanedUp = true;
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (error) {
      console.error(`e2e: clean-up step failed: ${error?.message ?? error}`);
    }
  }
  for (const child of children) killGroup(child, 'SIGKILL');
}

function killGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole process group: code-server and its hosts
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`e2e: ${signal}, cleaning up`);
    cleanupAll().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
});

/** Starts a process in its own process group, so stopping it stops its descendants too. */
export function spawnTracked(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Stops a tracked process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopTracked(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Descendants that ignored SIGTERM (pty host, watchers) go with the group.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* group already empty */
  }
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})\n${output}`);
  }
  return result;
}

// --- sandbox -----------------------------------------------------------------------------------

/** A fresh temporary folder for one run, removed at clean-up unless POSTMORTEM_E2E_KEEP is set. */
export function makeRunDir() {
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-e2e-'));
  onCleanup(() => {
    if (process.env.POSTMORTEM_E2E_KEEP) console.log(`e2e: kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  return dir;
}

/** Environment for editors and browsers: HOME and XDG_* inside the run folder. */
export function sandboxEnv(runDir, extra = {}) {
  const home = join(runDir, 'home');
  const xdg = {
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_RUNTIME_DIR: join(home, '.runtime'),
  };
  for (const dir of [home, ...Object.values(xdg)]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // As many corporate set-ups have it, so the suite can check the extension starts its server without it.
  const certificates = { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS || '/etc/ssl/certs/ca-certificates.crt' };
  const env = { ...process.env, HOME: home, ...xdg, ...certificates, ...extra };
  // Nothing of the developer's own editor session leaks in.
  for (const name of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_RUN_AS_NODE$)/.test(name)) delete env[name];
  }
  return env;
}

/** User settings that keep first-run pages, tips and update checks out of the way. */
export const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

export function writeUserSettings(userDataDir) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(userSettings, null, 2));
}

// --- fixtures and the extension under test -----------------------------------------------------

/**
 * A fresh copy of the fixture workspace: README.md, a filled and a partly filled post-mortem,
 * and `postmortems/blank.md`, the template untouched (copied from templates/ so it cannot go
 * stale).
 */
export function prepareWorkspace(dest) {
  cpSync(fixtureWorkspace, dest, { recursive: true });
  cpSync(templatePath, join(dest, 'postmortems/blank.md'));
  return dest;
}

/** The folder an editor's `--install-extension` unpacked the .vsix into. */
export function findInstalledExtension(extensionsDir) {
  const prefix = `${extensionId}-`.toLowerCase();
  const found = readdirSync(extensionsDir).filter((name) => name.toLowerCase().startsWith(prefix));
  if (found.length !== 1) {
    throw new Error(`expected one folder ${prefix}* in ${extensionsDir} after installing the .vsix, found: ${found.join(', ') || 'none'}`);
  }
  return join(extensionsDir, found[0]);
}

/**
 * The extension as the .vsix installs it, plus the compiled suite inside it (e2e-suite/), used
 * as extensionDevelopmentPath. The suite must live inside the extension's folder: VS Code gives
 * each extension its own `vscode` API object, chosen by the path of the module that requires it,
 * and the suite stubs `window.showInputBox` on the extension's own object.
 */
export function prepareExtensionUnderTest(installedDir, dest, suiteDir = suiteOutDir) {
  cpSync(installedDir, dest, { recursive: true });
  if (!existsSync(join(suiteDir, 'index.js'))) {
    throw new Error(`compiled suite not found at ${suiteDir}/index.js: run node scripts/e2e/build-suite.mjs`);
  }
  cpSync(suiteDir, join(dest, 'e2e-suite'), { recursive: true });
  return { extensionPath: dest, testsPath: join(dest, 'e2e-suite/index.js') };
}

/** The .vsix under test: POSTMORTEM_E2E_VSIX, else the one `npm run package` writes. */
export function checkVsix() {
  const path = process.env.POSTMORTEM_E2E_VSIX ? resolve(process.env.POSTMORTEM_E2E_VSIX) : vsixPath;
  if (!existsSync(path)) throw new Error(`${path} not found: run npm run package`);
  return path;
}

/**
 * The extension's own output channels (the "Post-Mortem" log: server start-up errors, crashes)
 * from a VS Code user data folder, copied to test-results/<prefix>-<channel>.log; returns
 * [name, text] pairs.
 */
export function collectExtensionLogs(userDataDir, prefix) {
  const found = [];
  const logsRoot = join(userDataDir, 'logs');
  if (!existsSync(logsRoot)) return found;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (dir.toLowerCase().endsWith(extensionId.toLowerCase()) && entry.name.endsWith('.log')) found.push([entry.name, readFileSync(path, 'utf8')]);
    }
  };
  walk(logsRoot);
  mkdirSync(resultsDir, { recursive: true });
  for (const [name, text] of found) writeFileSync(join(resultsDir, `${prefix}-${name}`), text);
  return found;
}

/** Prints the extension's logs, first and last lines (the cause is usually first), to say what broke. */
export function printExtensionLogs(logs, headLines = 12, tailLines = 12) {
  for (const [name, text] of logs) {
    const lines = text.trimEnd().split('\n');
    if (!lines.join('').trim()) continue;
    console.log(`e2e: the extension's "${name.replace(/\.log$/, '')}" output (test-results/*-${name}):`);
    const shown =
      lines.length <= headLines + tailLines
        ? lines
        : [...lines.slice(0, headLines), `... ${lines.length - headLines - tailLines} more lines ...`, ...lines.slice(-tailLines)];
    for (const line of shown) console.log(`    ${line}`);
  }
}

/** The first line of the extension's logs that reads like the cause of a failure, if any. */
export function firstError(logs) {
  for (const [, text] of logs) {
    const line = text.split('\n').find((l) => /\b(Error|Cannot find module|ENOENT|crashed)\b/.test(l));
    if (line) return line.replace(/^[\d-]+ [\d:.]+ \[\w+\]\s*/, '').trim();
  }
  return undefined;
}
