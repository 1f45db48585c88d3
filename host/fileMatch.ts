/** Post-mortems by where they are: files matching the `postmortem.files` globs, whatever their structure. */
import picomatch from 'picomatch';
import { URI } from './uri';

const matchers = new Map<string, (path: string) => boolean>();

/** The first `postmortem.files` pattern the document's path matches, relative to a workspace folder. */
export function matchingPattern(uri: string, patterns: readonly string[] | undefined, workspaceFolders: readonly string[]): string | undefined {
  if (!patterns || patterns.length === 0) return undefined;
  const path = URI.toPath(uri);
  if (path === undefined) return undefined;
  const candidates = [path.replace(/^\/+/, '')];
  for (const folder of workspaceFolders) {
    const base = URI.toPath(folder);
    if (base && path.startsWith(base.endsWith('/') ? base : `${base}/`)) candidates.push(path.slice(base.replace(/\/$/, '').length + 1));
  }
  return patterns.find((pattern) => {
    let match = matchers.get(pattern);
    if (!match) {
      match = picomatch(pattern, { dot: true, nocase: process.platform === 'win32' });
      matchers.set(pattern, match);
    }
    return candidates.some((c) => match(c));
  });
}
