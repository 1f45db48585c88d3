/**
 * Creating the new post-mortem on disk without ever overwriting a file: every name is opened
 * with exclusive create (`wx`), and a taken name moves on to `-2`, `-3`... so two commands run at
 * the same moment create two files. Node's file system only, no `vscode`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileNameCandidates } from './fileNames';

/** Makes the folder (and its parents) when missing; fails when the path is not a folder. */
export async function ensureFolder(folderPath: string): Promise<void> {
  await fs.mkdir(folderPath, { recursive: true });
  const stat = await fs.stat(folderPath);
  if (!stat.isDirectory()) throw Object.assign(new Error(`${folderPath} is not a folder`), { code: 'ENOTDIR' });
}

/**
 * Writes `text` to the first free name among `fileName`, `<name>-2.md`, `<name>-3.md`... in
 * `folderPath` and returns the path of the file created.
 */
export async function createExclusively(folderPath: string, fileName: string, text: string, limit = 1000): Promise<string> {
  for (const name of fileNameCandidates(fileName, limit)) {
    const filePath = path.join(folderPath, name);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(filePath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      await handle.writeFile(text, 'utf8');
      await handle.close();
    } catch (error) {
      // A half-written file (disk full) would look like a finished post-mortem: take it away.
      await handle.close().catch(() => undefined);
      await fs.unlink(filePath).catch(() => undefined);
      throw error;
    }
    return filePath;
  }
  throw Object.assign(new Error(`${limit} files named like ${fileName} already exist in ${folderPath}`), { code: 'ETOOMANY' });
}

/** A sentence for the author about why the file could not be created. */
export function describeCreateError(error: unknown, folderPath: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = (error as Error | undefined)?.message ?? String(error);
  const where = `Cannot create the post-mortem in ${folderPath}`;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${where}: permission denied. Check that the folder is writable, or set postmortem.folder to another folder.`;
    case 'EROFS':
      return `${where}: the file system is read-only. Set postmortem.folder to a folder you can write to.`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${where}: the path, or one of its parents, is a file, not a folder. Set postmortem.folder to a folder.`;
    case 'ENOENT':
      return `${where}: the folder does not exist and could not be created.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${where}: no space left on the device.`;
    case 'ETOOMANY':
      return `${where}: ${detail}. Choose another title.`;
    default:
      return `${where}: ${detail}`;
  }
}
