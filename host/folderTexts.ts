/** The Markdown files of a post-mortem folder, read for what they hold (New Post-Mortem reads their Incident IDs). */
import { join } from 'node:path';
import { nodeFileSystem, type HostFileSystem } from './fileSystem';

/** Reading stops after this many files or bytes: enough for any real folder, bounded for a huge one. */
const maxFiles = 5000;
const maxFileBytes = 2_000_000;

/** The texts of the folder's `.md` files; none for a folder that does not exist yet. */
export async function markdownTextsIn(folderPath: string, fs: HostFileSystem = nodeFileSystem): Promise<string[]> {
  let names: string[] = [];
  try {
    names = (await fs.readDirectory(folderPath)).map((e) => e.name).filter((n) => n.toLowerCase().endsWith('.md')).slice(0, maxFiles);
  } catch (error) {
    // A folder that does not exist yet holds nothing; the client creates it.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const texts: string[] = [];
  for (const name of names) {
    try {
      const path = join(folderPath, name);
      const stat = await fs.stat(path);
      if (stat.type !== 'file' || stat.size > maxFileBytes) continue;
      texts.push(await fs.readFile(path));
    } catch {
      // A file that vanished or cannot be read holds nothing to avoid.
    }
  }
  return texts;
}
