// Bundles the extension client and the language server, one esbuild bundle per entry point.
import * as esbuild from 'esbuild';
import { argv } from 'node:process';

const watch = argv.includes('--watch');
const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
  // The default template and its schema are bundled as text.
  loader: { '.md': 'text', '.yaml': 'text' },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  {
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
    // yaml's ES module build lets esbuild drop what the server does not use (stringify...).
    alias: { yaml: './node_modules/yaml/browser/index.js' },
  },
];
for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}
