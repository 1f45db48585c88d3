/**
 * Where New Post-Mortem puts its file: the `postmortem.folder` setting, taken relative to the
 * workspace folder and kept inside it (a workspace's settings must not send files elsewhere).
 */
import * as path from 'node:path';
import { defaultPostmortemFolder as defaultFolder, normalizeFolderSetting } from '../../../common/protocol';

export type TargetFolder = { folderPath: string } | { error: string };

export function resolveTargetFolder(workspaceFolderPath: string, setting: unknown): TargetFolder {
  const root = path.resolve(workspaceFolderPath);
  const relative = normalizeFolderSetting(setting, root);
  if (relative === undefined) {
    const written = typeof setting === 'string' ? setting.trim() : String(setting);
    return {
      error: `The setting postmortem.folder ("${written}") points outside the workspace folder ${root}. Use a folder inside it, such as "${defaultFolder}".`,
    };
  }
  return { folderPath: path.resolve(root, relative) };
}
