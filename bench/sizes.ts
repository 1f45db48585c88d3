/** Sizes of the bundles and of the extension package. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from './machine';
import { shown, type BenchOptions } from './options';
import { section, target } from './report';

/**
 * The bundles' sizes; the server's is the one beside --server's entry point, with the service
 * bundle it loads (dist/service.js, shared with postmortem-check) where that build has one.
 */
export function sizesBench({ serverPath }: BenchOptions, results: Record<string, unknown>): void {
  const rows = section('Sizes (KB = 1024 bytes)');
  const size = (path: string) => (existsSync(resolve(repoRoot, path)) ? statSync(resolve(repoRoot, path)) : undefined);
  const sizes: Record<string, number | null> = {};
  const serverDir = dirname(serverPath);
  const serverBundles = [join(serverDir, 'languageServer.js'), ...(existsSync(join(serverDir, 'service.js')) ? [join(serverDir, 'service.js')] : [])];
  const entries: [string, string[], string][] = [
    ['server bundle', serverBundles.map(shown), 'server-bundle'],
    ['client bundle', ['dist/client.js'], 'client-bundle'],
    ['.vsix', ['postmortem-authoring.vsix'], 'vsix'],
  ];
  for (const [name, paths, id] of entries) {
    const stats = paths.map(size);
    for (const [i, path] of paths.entries()) sizes[path] = stats[i]?.size ?? null;
    const present = stats.every((x) => x !== undefined);
    const total = stats.reduce((sum, x) => sum + (x?.size ?? 0), 0);
    const path = paths.join(' + ');
    const note = !present ? (path.endsWith('.vsix') ? 'absent: run `npm run package`' : 'absent: run `npm run build`') : undefined;
    let age = '';
    let stale: string | undefined;
    const st = stats[0];
    if (present && st && path.endsWith('.vsix')) {
      // What decides the package's content besides the bundles (rebuilt by the benchmark).
      const newer = ['package.json', '.vscodeignore', 'README.md', 'LICENSE'].filter((f) => existsSync(join(repoRoot, f)) && statSync(join(repoRoot, f)).mtimeMs > st.mtimeMs);
      age = `, built ${new Date(st.mtimeMs).toISOString().slice(0, 16).replace('T', ' ')}`;
      if (newer.length) {
        age += `; STALE: older than ${newer.join(', ')} (run \`npm run package\`)`;
        stale = `stale .vsix, older than ${newer.join(', ')}`;
      }
    }
    const parts = paths.length > 1 && present ? ` (${stats.map((x) => `${((x?.size ?? 0) / 1024).toFixed(1)}`).join(' + ')})` : '';
    rows.push({
      metric: `${name} (${path})`,
      value: present ? `${(total / 1024).toFixed(1)} KB${parts}${age}` : `— ${note}`,
      ...target(id, present ? total / 1024 : undefined, note ?? stale),
    });
  }
  results.sizes = sizes;
}
