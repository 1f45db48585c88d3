/** Whether a document's path matches the `postmortem.files` globs. */
import picomatch from 'picomatch';
import { URI } from './uri';

const matchers = new Map<string, (path: string) => boolean>();

export function matchesFiles(uri: string, patterns: readonly string[] | undefined, workspaceFolders: readonly string[]): boolean {
  if (!patterns || patterns.length === 0) return false;
  const path = URI.toPath(uri);
  if (path === undefined) return false;
  const candidates = [path.replace(/^\/+/, '')];
  for (const folder of workspaceFolders) {
    const base = URI.toPath(folder);
    if (base && path.startsWith(base.endsWith('/') ? base : `${base}/`)) candidates.push(path.slice(base.replace(/\/$/, '').length + 1));
  }
  return patterns.some((pattern) => {
    let match = matchers.get(pattern);
    if (!match) {
      match = picomatch(pattern, { dot: true, nocase: process.platform === 'win32' });
      matchers.set(pattern, match);
    }
    return candidates.some((c) => match(c));
  });
}
