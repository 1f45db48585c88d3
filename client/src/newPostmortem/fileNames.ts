/**
 * Names for a new post-mortem file: today's date, a slug of the title, and the `-2`, `-3`...
 * alternatives tried when a name is taken. Pure: no `vscode`, no file system.
 */
import { slugify } from '../../../server/src/service/create/slug';

/** The date as YYYY-MM-DD in local time (what the author sees on their calendar). */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export { slugify };

/** A bare `.md` file name that cannot leave its folder or trip up Windows. */
const safeName = /^(?!\.)[^\\/:*?"<>|\x00-\x1f]{1,200}\.md$/;

/**
 * The file name to create: the server's suggestion when it is a plain `.md` name, else
 * `<date>-<slug>.md` made here, so a bad answer can never write outside the folder.
 */
export function chooseFileName(suggested: unknown, title: string, date: string): string {
  if (typeof suggested === 'string' && safeName.test(suggested) && suggested.trim() === suggested) return suggested;
  return `${date}-${slugify(title)}.md`;
}

/** `name.md`, then `name-2.md`, `name-3.md`... up to `limit` names in all. */
export function* fileNameCandidates(fileName: string, limit = 1000): Generator<string> {
  const dot = fileName.toLowerCase().endsWith('.md') ? fileName.length - 3 : fileName.length;
  const stem = fileName.slice(0, dot);
  const extension = fileName.slice(dot);
  yield fileName;
  for (let n = 2; n <= limit; n++) yield `${stem}-${n}${extension}`;
}

/** The text with `\n` line endings turned into `eol`. */
export function withLineEndings(text: string, eol: '\n' | '\r\n'): string {
  const normalized = text.replace(/\r\n?/g, '\n');
  return eol === '\n' ? normalized : normalized.replace(/\n/g, '\r\n');
}

/** The line ending the `files.eol` setting asks for (`auto` follows the platform, as VS Code does). */
export function lineEndingFor(filesEol: unknown, platform: string): '\n' | '\r\n' {
  if (filesEol === '\n' || filesEol === '\r\n') return filesEol;
  return platform === 'win32' ? '\r\n' : '\n';
}
