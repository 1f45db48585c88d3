/**
 * Where New Post-Mortem puts its file: the `postmortem.folder` setting, taken relative to the
 * workspace folder and kept inside it (a workspace's settings must not send files elsewhere).
 */
import * as path from 'node:path';
import { defaultPostmortemFolder as defaultFolder } from '../../../common/protocol';

export type TargetFolder = { folderPath: string } | { error: string };

export function resolveTargetFolder(workspaceFolderPath: string, setting: unknown): TargetFolder {
  const relative = typeof setting === 'string' ? setting.trim() : defaultFolder;
  const root = path.resolve(workspaceFolderPath);
  const folderPath = path.resolve(root, relative);
  const inside = path.relative(root, folderPath);
  if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return {
      error: `The setting postmortem.folder ("${relative}") points outside the workspace folder ${root}. Use a folder inside it, such as "${defaultFolder}".`,
    };
  }
  return { folderPath };
}
