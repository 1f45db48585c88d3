/**
 * Post-mortems by where they are: files matching the `postmortem.files` globs, and the Markdown
 * files of the folder New Post-Mortem writes to (`postmortem.folder`), whatever their structure.
 * Shared by the server and postmortem-check.
 */
import picomatch from 'picomatch';
import { URI } from './uri';

const matchers = new Map<string, (path: string) => boolean>();

/** The folder New Post-Mortem writes to when the setting says nothing. */
export const defaultPostmortemFolder = 'postmortems';

export function matchesFiles(uri: string, patterns: readonly string[] | undefined, workspaceFolders: readonly string[]): boolean {
  return matchingPattern(uri, patterns, workspaceFolders) !== undefined;
}

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

/** A folder's README or index explains the folder: not a post-mortem for being there. */
const folderGuide = /^(?:readme|index|_index|contributing|template|_template)(?:\.[^./]*)?$/i;

/**
 * The post-mortem folder (`postmortem.folder` under a workspace folder) the document is in, at
 * any depth, or undefined; a README, index or template there is left out.
 */
export function postmortemFolderOf(uri: string, folder: string | undefined, workspaceFolders: readonly string[]): string | undefined {
  const path = URI.toPath(uri);
  if (path === undefined) return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (folderGuide.test(name)) return undefined;
  const relative = (folder ?? defaultPostmortemFolder).replace(/\\/g, '/').replace(/^\.\/+|\/+$/g, '');
  if (relative === '' || relative.split('/').includes('..')) return undefined;
  for (const workspace of workspaceFolders) {
    const base = URI.toPath(workspace);
    if (!base) continue;
    const target = `${base.replace(/\/+$/, '')}/${relative}/`;
    const inside = process.platform === 'win32' ? path.toLowerCase().startsWith(target.toLowerCase()) : path.startsWith(target);
    if (inside) return relative;
  }
  return undefined;
}
