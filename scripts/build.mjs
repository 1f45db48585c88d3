// Bundles the extension client and the language server, one esbuild bundle per entry point.
// The service (server/src/service/ and the shipped template) is one bundle of its own,
// dist/service.js, that the language server and postmortem-check both load: in each of them
// it was 160 KB of the same code, and the .vsix carried it twice.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { argv } from 'node:process';
import { parse } from 'yaml';

const watch = argv.includes('--watch');

/** The default template's schema, read from YAML (with --watch, once: restart it after editing the schema). */
function defaultSchema() {
  return parse(readFileSync('templates/postmortem/postmortem-template.schema.yaml', 'utf8'), { uniqueKeys: true, maxAliasCount: 200 });
}

const root = process.cwd();
const serviceDir = path.join(root, 'server', 'src', 'service') + path.sep;
/** What goes into dist/service.js besides the service itself. */
const sharedFiles = new Set([path.join(root, 'host', 'defaultTemplate.ts')]);
const isShared = (file) => file.startsWith(serviceDir) || sharedFiles.has(file);
/** The shared modules the other bundles import, by their path from the root: dist/service.js exports each. */
const sharedImported = new Set();
const sharedBundle = './service.js';
/** With --watch: the service bundle's context, rebuilt when the others come to import another of its modules. */
let serviceContext;

/**
 * In the server and CLI bundles: an import of a shared module from outside them becomes a
 * look-up in dist/service.js, which is loaded at run time (the server's bootstrap loads it
 * through its code cache). Imports inside the service are the service bundle's own.
 */
const useSharedService = {
  name: 'use-shared-service',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'resolving' || args.namespace !== 'file' || isShared(args.importer)) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (resolved.errors.length > 0 || !isShared(resolved.path)) return undefined;
      const id = path.relative(root, resolved.path).split(path.sep).join('/');
      sharedImported.add(id);
      return { path: id, namespace: 'shared-service' };
    });
    build.onResolve({ filter: /^\.\/service\.js$/, namespace: 'shared-service' }, () => ({ path: sharedBundle, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'shared-service' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(sharedBundle)}).modules[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
    let known = 0;
    build.onEnd(() => {
      if (serviceContext && sharedImported.size !== known) void serviceContext.rebuild();
      known = sharedImported.size;
    });
  },
};

/** dist/service.js's entry: every shared module the other bundles import, by its path. */
const sharedEntry = {
  name: 'shared-service-entry',
  setup(build) {
    build.onResolve({ filter: /^shared-service-entry$/ }, () => ({ path: 'entry', namespace: 'shared-service-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-service-entry' }, () => {
      const ids = [...sharedImported].sort();
      return {
        contents: `${ids.map((id, i) => `import * as m${i} from ${JSON.stringify(`./${id}`)};`).join('\n')}\nexport const modules = { ${ids.map((id, i) => `${JSON.stringify(id)}: m${i}`).join(', ')} };\n`,
        resolveDir: root,
        loader: 'js',
      };
    });
  },
};

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
const schemaJson = JSON.stringify(JSON.stringify(defaultSchema()));
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The server's entry point: loads dist/languageServer.js and dist/service.js through a V8 code cache (bootstrap.ts).
  { entryPoints: ['server/src/bootstrap.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/languageServer.js', plugins: [useSharedService] },
  // postmortem-check, the command-line checker, on the same dist/service.js.
  {
    entryPoints: ['cli/src/check.ts'],
    outfile: 'dist/cli.js',
    plugins: [useSharedService],
    banner: { js: '#!/usr/bin/env node' },
    define: { POSTMORTEM_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  },
  // Built after the two above, which say what it exports. The default schema goes in as JSON, so
  // neither the server nor the CLI parses YAML as it starts (the service still reads YAML
  // schemas; the server checks this one as it would a YAML one). The six protocol constants the
  // service uses, not the whole types package (server/src/service/lspConstants.ts): the server bundles the
  // package for its own use.
  {
    entryPoints: ['shared-service-entry'],
    outfile: 'dist/service.js',
    plugins: [sharedEntry],
    alias: { 'vscode-languageserver-types': './server/src/service/lspConstants.ts' },
    define: { POSTMORTEM_DEFAULT_SCHEMA_JSON: schemaJson },
  },
  // The YAML reader of custom templates' schemas (postmortem.template): the server loads it only
  // when that setting names a template, so the YAML parser stays off its start-up path.
  // yaml's ES module build lets esbuild drop what the reader does not use (stringify...).
  { entryPoints: ['host/schemaReader.ts'], outfile: 'dist/schemaReader.js', alias: { yaml: './node_modules/yaml/browser/index.js' } },
];
for (const entry of entries) {
  const options = { ...common, ...entry };
  const result = await esbuild.build(options);
  // What went into each bundle, for the test that keeps unused packages out (test/unit/bundles.test.ts).
  writeFileSync(options.outfile.replace(/\.js$/, '.meta.json'), JSON.stringify(result.metafile));
}
// With --watch, after one whole build in order (the service bundle after the two that say what it exports).
if (watch) {
  for (const entry of entries) {
    const ctx = await esbuild.context({ ...common, ...entry });
    await ctx.watch();
    if (entry.outfile === 'dist/service.js') serviceContext = ctx;
  }
}
