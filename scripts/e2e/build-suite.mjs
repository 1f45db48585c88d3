// Compiles the in-host suite (test/e2e/suite/) into one file, out/test/e2e/index.js, with mocha
// bundled in and `vscode` left to the extension host. Self-contained, so the launchers can copy
// it into the unpacked .vsix (see prepareExtensionUnderTest in lib.mjs).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, suiteOutDir } from './lib.mjs';

rmSync(suiteOutDir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: repoRoot,
  entryPoints: [join(repoRoot, 'test/e2e/suite/index.ts')],
  outfile: join(suiteOutDir, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
  // Mocha's parallel mode (unused here) resolves its worker files at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
