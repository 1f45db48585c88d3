/**
 * The layers, as docs/architecture.md draws them: the service is pure (it imports nothing of the
 * server, the host, the client or the protocol), the host imports only the service, the CLI only
 * the service and the host, and no module imports itself back through others.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/service';

function sources(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const full = join(folder, name);
    if (statSync(full).isDirectory()) found.push(...sources(full));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) found.push(full);
  }
  return found;
}

/** The project modules a file imports (type-only imports too: a cycle of types is a cycle of knowledge). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const imports: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)'/gms)) {
    const target = resolve(dirname(file), m[1]);
    for (const candidate of [`${target}.ts`, join(target, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) {
          imports.push(candidate);
          break;
        }
      } catch {
        // not this one
      }
    }
  }
  return imports;
}

const folders = ['server/src', 'host', 'cli/src', 'client/src', 'common'];
const files = folders.flatMap((f) => sources(join(repoRoot, f)));
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(repoRoot, f);
const under = (f: string, folder: string) => rel(f).startsWith(`${folder}/`);

describe('layers', () => {
  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' > '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('keeps the service pure, the host under the server, and the CLI on the service and the host', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const service = under(target, 'server/src/service');
        if (under(file, 'server/src/service') && !service) wrong.push(`${rel(file)} (service) imports ${rel(target)}`);
        if (under(file, 'host') && !service && !under(target, 'host') && !under(target, 'common')) wrong.push(`${rel(file)} (host) imports ${rel(target)}`);
        if (under(file, 'cli/src') && !service && !under(target, 'host') && !under(target, 'cli/src')) wrong.push(`${rel(file)} (CLI) imports ${rel(target)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
