/**
 * A file's bytes as the lines the service reads, each decoded from the bytes on its own.
 *
 * The service splits a text into lines by slicing it, and remembers some values it reads (field
 * values, placeholder hints, label keys) in caches bounded by count, keyed by slices of those
 * lines. V8 keeps a slice's whole parent string alive, so with one text per file every cached key
 * held a whole post-mortem: over thousands of files the caches kept thousands of documents
 * (55 MB after 1,000 files of 25 KB). A line decoded alone holds only itself.
 *
 * The result is the same as `splitLines(bytes.toString('utf8'))`: line breaks (\n, \r\n, \r)
 * are ASCII bytes, which never occur inside a UTF-8 sequence and end any broken one, so decoding
 * line by line gives the same characters, U+FFFD for U+FFFD, as decoding the whole file.
 */
import type { SplitText } from '../../server/src/service/text/lines';

const LF = 0x0a;
const CR = 0x0d;

export function linesOfBytes(bytes: Buffer): SplitText {
  const lines: string[] = [];
  const breaks: string[] = [];
  let eol: string | undefined;
  let start = 0;
  // As splitLines does it, on bytes: the next \n and \r found with indexOf (memchr).
  let lf = bytes.indexOf(LF);
  let cr = bytes.indexOf(CR);
  while (lf !== -1 || cr !== -1) {
    let lineBreak: string;
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      lines.push(bytes.toString('utf8', start, lf));
      lineBreak = '\n';
      start = lf + 1;
      lf = bytes.indexOf(LF, start);
    } else {
      lines.push(bytes.toString('utf8', start, cr));
      if (lf === cr + 1) {
        lineBreak = '\r\n';
        start = cr + 2;
        lf = bytes.indexOf(LF, start);
      } else {
        lineBreak = '\r';
        start = cr + 1;
      }
      cr = bytes.indexOf(CR, start);
    }
    eol ??= lineBreak;
    breaks.push(lineBreak);
  }
  lines.push(bytes.toString('utf8', start));
  breaks.push('');
  return { lines, breaks, eol: eol ?? '\n' };
}

/** The length of the text the lines were read from, in UTF-16 code units (as `text.length`). */
export function lengthOf(text: SplitText): number {
  let length = 0;
  for (let i = 0; i < text.lines.length; i++) length += text.lines[i].length + text.breaks[i].length;
  return length;
}
