/**
 * What each esbuild bundle holds, read from the metafiles the build writes beside them: the
 * packages the product uses and nothing else (issue 4), and above all no YAML parser in the
 * server, which reads the default schema as bundled JSON and loads dist/schemaReader.js only
 * for a custom template. `npm test` builds before it runs this.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/service';

interface Metafile {
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** Bytes of each package (or of each source folder of the project) that ended up in a bundle. */
function contents(bundle: string): Map<string, number> {
  const meta = JSON.parse(readFileSync(join(repoRoot, 'dist', `${bundle}.meta.json`), 'utf8')) as Metafile;
  const outputs = Object.values(meta.outputs).filter((o) => o.entryPoint);
  assert.equal(outputs.length, 1, `dist/${bundle}.meta.json: one bundle`);
  const bytes = new Map<string, number>();
  for (const [file, input] of Object.entries(outputs[0].inputs)) {
    if (input.bytesInOutput === 0) continue; // read, but shaken out
    const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    // A look-up of a module in dist/service.js, and that bundle's index of its modules
    // (scripts/build.mjs), count as 'shared-service'.
    const owner = inPackage ? inPackage[1] : /^shared-service(-entry)?:/.test(file) ? 'shared-service' : file.split('/').slice(0, file.startsWith('server/src/') ? 3 : 1).join('/');
    bytes.set(owner, (bytes.get(owner) ?? 0) + input.bytesInOutput);
  }
  return bytes;
}

const languageServerLibrary = ['vscode-jsonrpc', 'vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-languageserver-types'];

describe('bundles', () => {
  it('server: the LSP library and picomatch (postmortem.files), the service only as look-ups in dist/service.js, and no YAML parser', () => {
    const server = contents('languageServer');
    const packages = [...server.keys()].filter((owner) => !/^(server|host|common|templates|shared-service)\b/.test(owner)).sort();
    assert.deepEqual(packages, [...languageServerLibrary, 'picomatch'].sort());
    assert.equal(server.get('server/src/service'), undefined, 'the service is in dist/service.js, not in the server bundle');
    assert.ok(server.has('shared-service'), 'the server bundle looks its service modules up in dist/service.js');
    assert.ok(!readFileSync(join(repoRoot, 'dist/languageServer.js'), 'utf8').includes('tag:yaml.org,2002'), 'YAML code in dist/languageServer.js');
  });

  it('service: the service and the shipped template, with the protocol constants it reports in, no package and no YAML parser', () => {
    const service = contents('service');
    assert.deepEqual([...service.keys()].sort(), ['host', 'server/src/service', 'shared-service', 'templates']);
    assert.ok((service.get('server/src/service') ?? 0) > 100_000, 'the whole service is in dist/service.js');
    assert.ok(!readFileSync(join(repoRoot, 'dist/service.js'), 'utf8').includes('tag:yaml.org,2002'), 'YAML code in dist/service.js');
  });

  it('server entry point: only the code-cache loader, no package at all', () => {
    assert.deepEqual([...contents('server').keys()], ['server/src/bootstrap.ts']);
  });

  it('schema reader: the YAML parser and the schema checks, not the rest of the service', () => {
    const reader = contents('schemaReader');
    assert.deepEqual([...reader.keys()].sort(), ['host', 'server/src/service', 'yaml']);
    assert.ok(readFileSync(join(repoRoot, 'dist/schemaReader.js'), 'utf8').includes('tag:yaml.org,2002'));
    // The schema's checks (9 KB, with the review statuses and blameless phrases) and the value
    // readers they use; the rest of the service (40 KB and more) would be far above this.
    assert.ok((reader.get('server/src/service') ?? 0) < 18_000, `${reader.get('server/src/service')} bytes of the service in the schema reader`);
  });

  it('postmortem-check: no package, no YAML parser, the service only as look-ups in dist/service.js; its workers run the same bundle', () => {
    const cli = contents('cli');
    const packages = [...cli.keys()].filter((owner) => !/^(server|host|common|templates|cli|shared-service)\b/.test(owner)).sort();
    assert.deepEqual(packages, []);
    assert.equal(cli.get('server/src/service'), undefined, 'the service is in dist/service.js, not in the CLI bundle');
    assert.ok(cli.has('shared-service'), 'the CLI looks its service modules up in dist/service.js');
    const bundle = readFileSync(join(repoRoot, 'dist/cli.js'), 'utf8');
    assert.ok(!bundle.includes('tag:yaml.org,2002'), 'YAML code in dist/cli.js');
    // Worker threads start dist/cli.js itself (cli/src/pool.ts), told by their workerData.
    assert.ok(bundle.includes('postmortemCheckWorker'), 'the worker side is in dist/cli.js');
  });

  it('client: the LSP client library and its own dependencies, none of the server (of the service, only the file-name slug)', () => {
    const client = contents('client');
    const owners = [...client.keys()].sort();
    assert.ok(!owners.some((o) => (o.startsWith('server') && o !== 'server/src/service') || o === 'host' || o === 'yaml' || o === 'picomatch'), owners.join(', '));
    assert.ok((client.get('server/src/service') ?? 0) < 1000, `${client.get('server/src/service')} bytes of the service in the client`);
    assert.ok(owners.includes('vscode-languageclient') && owners.includes('client'), owners.join(', '));
  });

  it("service: the protocol's constants it bundles instead of vscode-languageserver-types are the package's", async () => {
    const ours = await import('../../server/src/service/lspConstants');
    const real = await import('vscode-languageserver-types');
    for (const [name, values] of Object.entries(ours)) {
      for (const [key, value] of Object.entries(values)) assert.equal((real as unknown as Record<string, Record<string, unknown>>)[name][key], value, `${name}.${key}`);
    }
    // And the service uses no other run-time value of the package (a new one would be undefined in dist/service.js).
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          for (const m of readFileSync(file, 'utf8').matchAll(/^import \{([^}]*)\} from 'vscode-languageserver-types'/gm)) {
            for (const name of m[1].split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type '))) used.add(name);
          }
        }
      }
    };
    for (const dir of ['server/src/service', 'host', 'cli/src']) walk(join(repoRoot, dir));
    assert.deepEqual([...used].filter((name) => !(name in ours)), []);
  });
});
