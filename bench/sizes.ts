/** Sizes of the bundles and of the extension package. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from './machine';
import { shown, type BenchOptions } from './options';
import { section, target } from './report';

/** The bundles' sizes; the server's is the one beside --server's entry point. */
export function sizesBench({ serverPath }: BenchOptions, results: Record<string, unknown>): void {
  const rows = section('Sizes (KB = 1024 bytes)');
  const size = (path: string) => (existsSync(resolve(repoRoot, path)) ? statSync(resolve(repoRoot, path)) : undefined);
  const sizes: Record<string, number | null> = {};
  const entries: [string, string, string][] = [
    ['server bundle', shown(join(dirname(serverPath), 'languageServer.js')), 'server-bundle'],
    ['client bundle', 'dist/client.js', 'client-bundle'],
    ['.vsix', 'postmortem-authoring.vsix', 'vsix'],
  ];
  for (const [name, path, id] of entries) {
    const st = size(path);
    sizes[path] = st ? st.size : null;
    const note = !st ? (path.endsWith('.vsix') ? 'absent: run `npm run package`' : 'absent: run `npm run build`') : undefined;
    let age = '';
    let stale: string | undefined;
    if (st && path.endsWith('.vsix')) {
      // What decides the package's content besides the bundles (rebuilt by the benchmark).
      const newer = ['package.json', '.vscodeignore', 'README.md', 'LICENSE'].filter((f) => existsSync(join(repoRoot, f)) && statSync(join(repoRoot, f)).mtimeMs > st.mtimeMs);
      age = `, built ${new Date(st.mtimeMs).toISOString().slice(0, 16).replace('T', ' ')}`;
      if (newer.length) {
        age += `; STALE: older than ${newer.join(', ')} (run \`npm run package\`)`;
        stale = `stale .vsix, older than ${newer.join(', ')}`;
      }
    }
    rows.push({
      metric: `${name} (${path})`,
      value: st ? `${(st.size / 1024).toFixed(1)} KB${age}` : `— ${note}`,
      ...target(id, st ? st.size / 1024 : undefined, note ?? stale),
    });
  }
  results.sizes = sizes;
}
