/**
 * Post-mortems by where they are: the Markdown files of the folder New Post-Mortem writes to
 * (`postmortem.folder`), whatever their structure. Shared by the server and postmortem-check
 * (which has no glob matcher to carry: this reads paths only).
 */
import { defaultPostmortemFolder, normalizeFolderSetting } from '../common/protocol';
import { URI } from './uri';

export { defaultPostmortemFolder };

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
  for (const workspace of workspaceFolders) {
    const base = URI.toPath(workspace);
    if (!base) continue;
    // The workspace folder itself is no post-mortem folder: every Markdown file there would be one.
    const relative = normalizeFolderSetting(folder ?? defaultPostmortemFolder, base);
    if (!relative) continue;
    const target = `${base.replace(/\/+$/, '')}/${relative}/`;
    const inside = process.platform === 'win32' ? path.toLowerCase().startsWith(target.toLowerCase()) : path.startsWith(target);
    if (inside) return relative;
  }
  return undefined;
}
