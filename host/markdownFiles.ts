/**
 * The Markdown files a check covers: the files named, and the `.md` files under the folders
 * named (dot-folders and node_modules left out), each once, in a stable order.
 */
import * as path from 'node:path';
import { nodeFileSystem, reason, type HostFileSystem } from './fileSystem';

export interface CollectedFiles {
  files: string[];
  /** Paths that could not be read or do not exist, with why. */
  problems: { path: string; message: string }[];
}

/** Folders never searched: version control, dependencies, editor state. */
const skippedFolder = (name: string) => name.startsWith('.') || name === 'node_modules';

export async function collectMarkdownFiles(paths: readonly string[], fs: HostFileSystem = nodeFileSystem): Promise<CollectedFiles> {
  const files: string[] = [];
  const problems: CollectedFiles['problems'] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const resolved = path.resolve(file);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    files.push(file);
  };
  for (const given of paths) {
    let stat;
    try {
      stat = await fs.stat(given);
    } catch (error) {
      problems.push({ path: given, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : reason(error) });
      continue;
    }
    if (stat.type === 'directory') {
      const found: string[] = [];
      await walk(fs, given, found, problems);
      found.sort();
      found.forEach(add);
    } else {
      add(given); // a file named on the command line is read whatever its extension
    }
  }
  return { files, problems };
}

async function walk(fs: HostFileSystem, folder: string, found: string[], problems: CollectedFiles['problems']): Promise<void> {
  let entries;
  try {
    entries = await fs.readDirectory(folder);
  } catch (error) {
    problems.push({ path: folder, message: reason(error) });
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.type === 'directory') {
      if (!skippedFolder(entry.name)) await walk(fs, full, found, problems);
    } else if (/\.md$/i.test(entry.name) && (entry.type === 'file' || (entry.type === 'symlink' && (await isFile(fs, full))))) {
      // A linked file is read; a linked folder is not followed (it could lead back up the tree).
      found.push(full);
    }
  }
}

async function isFile(fs: HostFileSystem, file: string): Promise<boolean> {
  return fs.stat(file).then((stat) => stat.type === 'file', () => false);
}
