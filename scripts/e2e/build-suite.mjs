// Compiles the in-host suite (test/e2e/suite/) into one file, <outDir>/index.js (by default
// out/test/e2e/index.js), with mocha bundled in and `vscode` left to the extension host.
// Self-contained, so the launchers can copy it into the unpacked .vsix (see
// prepareExtensionUnderTest in lib.mjs). The launchers build into their own run folder, so
// runs at the same time do not overwrite each other's suite.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, suiteOutDir } from './lib.mjs';

export async function buildSuite(outDir = suiteOutDir) {
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, 'test/e2e/suite/index.ts')],
    outfile: join(outDir, 'index.js'),
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
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outArg = process.argv.find((a) => a.startsWith('--outdir='));
  await buildSuite(outArg ? resolve(outArg.slice('--outdir='.length)) : suiteOutDir);
}
