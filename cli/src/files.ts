/**
 * The Markdown files a check covers: the files named, and the `.md` files under the folders
 * named (dot-folders and node_modules left out), each once, in a stable order.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface CollectedFiles {
  files: string[];
  /** Paths that could not be read or do not exist, with why. */
  problems: { path: string; message: string }[];
}

/** Folders never searched: version control, dependencies, editor state. */
const skippedFolder = (name: string) => name.startsWith('.') || name === 'node_modules';

export async function collectMarkdownFiles(paths: readonly string[]): Promise<CollectedFiles> {
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
    if (stat.isDirectory()) {
      const found: string[] = [];
      await walk(given, found, problems);
      found.sort();
      found.forEach(add);
    } else {
      add(given); // a file named on the command line is read whatever its extension
    }
  }
  return { files, problems };
}

async function walk(folder: string, found: string[], problems: CollectedFiles['problems']): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: folder, message: reason(error) });
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolder(entry.name)) await walk(full, found, problems);
    } else if (/\.md$/i.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full))))) {
      // A linked file is read; a linked folder is not followed (it could lead back up the tree).
      found.push(full);
    }
  }
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then((stat) => stat.isFile(), () => false);
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return (error as Error)?.message ?? String(error);
}
