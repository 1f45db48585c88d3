// Starting code-server (VS Code 1.100.3 for the browser) and Chromium for one test run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  chromiumArgs,
  chromiumPath,
  codeServerBin,
  onCleanup,
  run,
  spawnTracked,
  stopTracked,
  writeUserSettings,
} from './lib.mjs';

/** `code-server --install-extension <vsix>` into `extensionsDir`; throws with its output on failure. */
export function installExtension({ vsix, extensionsDir, userDataDir, env }) {
  const result = run(
    codeServerBin,
    ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
    { env },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (!/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} did not report success:\n${output}`);
  }
  return output.trim();
}

/**
 * Starts code-server on a free port of 127.0.0.1 with its own user data, extensions and config,
 * and resolves once it serves /healthz. `stop()` ends it and everything it started.
 */
export async function startCodeServer({ name, runDir, extensionsDir, env, timeoutMs = 30000 }) {
  const userDataDir = join(runDir, `${name}-user-data`);
  const configPath = join(runDir, `${name}-config.yaml`);
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir);
  writeFileSync(configPath, 'auth: none\ncert: false\n');
  const args = [
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configPath,
  ];
  const child = spawnTracked(codeServerBin, args, { env });
  const log = [];
  const stop = () => stopTracked(child);
  onCleanup(stop);

  const origin = await new Promise((resolveOrigin, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server (${name}) did not start within ${timeoutMs} ms:\n${log.join('')}`)), timeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      log.push(text);
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log.join(''));
      if (match) {
        clearTimeout(timer);
        resolveOrigin(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server (${name}) exited (${signal ?? code}) before it was ready:\n${log.join('')}`));
    });
  });
  // Keep draining its output (a full pipe would block it) and keep it for failure reports.
  child.stdout.on('data', (chunk) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk) => log.push(chunk.toString()));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server (${name}) /healthz not ready:\n${log.join('')}`);
    await new Promise((r) => setTimeout(r, 100)); // poll interval of a readiness probe, not a wait for the editor
  }
  // The first page request loads VS Code's server side; do it while the browser starts.
  await fetch(`${origin}/`).then((response) => response.text());
  return { origin, authority: new URL(origin).host, userDataDir, log, stop };
}

/** Workbench URL opening `folder`, optionally with extension-development parameters. */
export function workbenchUrl(server, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const url = new URL(server.origin);
  url.searchParams.set('folder', folder);
  if (extensionDevelopmentPath) {
    const remote = (path) => `vscode-remote://${server.authority}${path}`;
    const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
    if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
    url.searchParams.set('payload', JSON.stringify(payload));
  }
  return url.toString();
}

/** Headless Debian Chromium with a fresh profile in the run folder. */
export async function launchBrowser({ runDir, name, env }) {
  const context = await chromium.launchPersistentContext(join(runDir, `${name}-chromium`), {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    env,
    viewport: { width: 1440, height: 900 },
    // code-server compresses its 11 MB workbench.js with Brotli on every request: seconds of CPU
    // on a small machine, for a transfer over loopback.
    extraHTTPHeaders: { 'Accept-Encoding': 'identity' },
    timeout: 30000,
  });
  onCleanup(() => context.close().catch(() => {}));
  return context;
}
