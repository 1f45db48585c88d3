/** Serves `postmortem/newDocument`: reads the target folder's post-mortems for their IDs. */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { NewDocumentParams, NewDocumentResult } from '../../common/protocol';
import type { PostmortemService } from './service/service';

/** Reading stops after this many files or bytes: enough for any real folder, bounded for a huge one. */
const maxFiles = 5000;
const maxFileBytes = 2_000_000;

export async function handleNewDocument(service: PostmortemService, params: NewDocumentParams): Promise<NewDocumentResult> {
  if (typeof params?.title !== 'string' || params.title.trim() === '') throw new Error('A title is required.');
  if (typeof params.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(params.date)) throw new Error('The date must be YYYY-MM-DD.');
  const existingTexts: string[] = [];
  if (params.folderPath) {
    let names: string[] = [];
    try {
      names = (await fs.readdir(params.folderPath)).filter((n) => n.toLowerCase().endsWith('.md')).slice(0, maxFiles);
    } catch (error) {
      // A folder that does not exist yet holds no IDs; the client creates it.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const name of names) {
      try {
        const path = join(params.folderPath, name);
        const stat = await fs.stat(path);
        if (!stat.isFile() || stat.size > maxFileBytes) continue;
        existingTexts.push(await fs.readFile(path, 'utf8'));
      } catch {
        // A file that vanished or cannot be read has no ID to avoid.
      }
    }
  }
  return service.newDocument({ title: params.title, date: params.date, existingTexts });
}
