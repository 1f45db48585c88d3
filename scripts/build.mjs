// Bundles the extension client and the language server, one esbuild bundle per entry point.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { argv } from 'node:process';
import { parse } from 'yaml';

const watch = argv.includes('--watch');

/** The default template's schema, read from YAML (with --watch, once: restart it after editing the schema). */
function defaultSchema() {
  return parse(readFileSync('templates/postmortem/postmortem-template.schema.yaml', 'utf8'), { uniqueKeys: true, maxAliasCount: 200 });
}

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
  // The default template is bundled as text.
  loader: { '.md': 'text' },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The server's entry point: loads dist/languageServer.js through a V8 code cache (bootstrap.ts).
  { entryPoints: ['server/src/bootstrap.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  {
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/languageServer.js',
    // The default schema goes in as JSON, so the server parses no YAML as it starts (the service
    // still reads YAML schemas); the server checks it as it would a YAML one.
    define: { POSTMORTEM_DEFAULT_SCHEMA_JSON: JSON.stringify(JSON.stringify(defaultSchema())) },
  },
  // postmortem-check, the command-line checker: the service with the default schema as JSON, as
  // the server has it; a --template's YAML schema is read by dist/schemaReader.js.
  {
    entryPoints: ['cli/src/check.ts'],
    outfile: 'dist/cli.js',
    // The six protocol constants the service uses, not the whole types package (cli/src/lspConstants.ts).
    alias: { 'vscode-languageserver-types': './cli/src/lspConstants.ts' },
    banner: { js: '#!/usr/bin/env node' },
    define: {
      POSTMORTEM_DEFAULT_SCHEMA_JSON: JSON.stringify(JSON.stringify(defaultSchema())),
      POSTMORTEM_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
    },
  },
  // The YAML reader of custom templates' schemas (postmortem.template): the server loads it only
  // when that setting names a template, so the YAML parser stays off its start-up path.
  // yaml's ES module build lets esbuild drop what the reader does not use (stringify...).
  { entryPoints: ['host/schemaReader.ts'], outfile: 'dist/schemaReader.js', alias: { yaml: './node_modules/yaml/browser/index.js' } },
];
for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    const result = await esbuild.build(options);
    // What went into each bundle, for the test that keeps unused packages out (test/unit/bundles.test.ts).
    writeFileSync(options.outfile.replace(/\.js$/, '.meta.json'), JSON.stringify(result.metafile));
  }
}
