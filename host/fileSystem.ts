/**
 * What the host layer asks of a file system: the few reads it makes (and New Post-Mortem's folder
 * listing), behind one small interface, so that the server and postmortem-check share the host
 * code on Node, and a browser host can answer the same calls through its client.
 */
import { promises as fs } from 'node:fs';

export interface FileEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
}

export interface FileStat {
  type: 'file' | 'directory' | 'other';
  size: number;
}

/** Each call rejects with a Node-style error (`code`: ENOENT, EACCES...) when it cannot answer. */
export interface HostFileSystem {
  readFile(path: string): Promise<string>;
  /** Follows symbolic links. */
  stat(path: string): Promise<FileStat>;
  readDirectory(path: string): Promise<FileEntry[]>;
  /** The path with every symbolic link resolved. */
  realPath(path: string): Promise<string>;
}

export const nodeFileSystem: HostFileSystem = {
  readFile: (path) => fs.readFile(path, 'utf8'),
  stat: async (path) => {
    const stat = await fs.stat(path);
    return { type: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size };
  },
  readDirectory: async (path) =>
    (await fs.readdir(path, { withFileTypes: true })).map((entry) => ({
      name: entry.name,
      type: entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : entry.isSymbolicLink() ? 'symlink' : 'other',
    })),
  realPath: (path) => fs.realpath(path),
};

/** Why a file could not be read, in words. */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return (error as Error)?.message ?? String(error);
}
