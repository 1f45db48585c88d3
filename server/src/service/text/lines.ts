/**
 * Line access for a document's text. LSP positions are (line, UTF-16 code unit), which is what
 * JavaScript string indices already are, so a line's string index is the LSP character.
 * Line breaks are \r\n, \n or \r, as LSP defines them.
 */
export interface LineText {
  /** Text of every line, without its line break. */
  readonly lines: string[];
  /** Offset in the whole text where each line starts. */
  readonly lineStarts: number[];
  /** The line break to use when inserting lines: the document's first one, else \n. */
  readonly eol: string;
  /**
   * What is known of each line from an earlier parse (see document/lineFacts.ts), kept in step
   * with `lines` by whoever edits them, so a new parse looks again only at changed lines.
   */
  readonly memo?: unknown[];
}

export function splitLines(text: string): LineText {
  const lines: string[] = [];
  const lineStarts: number[] = [];
  let eol: string | undefined;
  let start = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    lines.push(text.slice(start, i));
    lineStarts.push(start);
    if (code === 13 && text.charCodeAt(i + 1) === 10) {
      eol ??= '\r\n';
      i++;
    } else {
      eol ??= code === 13 ? '\r' : '\n';
    }
    start = i + 1;
  }
  lines.push(text.slice(start));
  lineStarts.push(start);
  return { lines, lineStarts, eol: eol ?? '\n' };
}
