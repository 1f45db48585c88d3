/**
 * Line access for a document's text. LSP positions are (line, UTF-16 code unit), which is what
 * JavaScript string indices already are, so a line's string index is the LSP character.
 * Line breaks are \r\n, \n or \r, as LSP defines them.
 */
export interface LineText {
  /** Text of every line, without its line break. */
  readonly lines: string[];
  /** The line break to use when inserting lines: the document's first one, else \n. */
  readonly eol: string;
  /**
   * What is known of each line from an earlier parse (see document/lineFacts.ts), kept in step
   * with `lines` by whoever edits them, so a new parse looks again only at changed lines.
   */
  readonly memo?: unknown[];
  /** The line break after each line ('' after the last), for edits that must not merge a \r and a \n. */
  readonly breaks?: string[];
}

export interface SplitText extends LineText {
  readonly breaks: string[];
}

export function splitLines(text: string): SplitText {
  const lines: string[] = [];
  const breaks: string[] = [];
  let eol: string | undefined;
  let start = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    lines.push(text.slice(start, i));
    let lineBreak: string;
    if (code === 13 && text.charCodeAt(i + 1) === 10) {
      lineBreak = '\r\n';
      i++;
    } else {
      lineBreak = code === 13 ? '\r' : '\n';
    }
    eol ??= lineBreak;
    breaks.push(lineBreak);
    start = i + 1;
  }
  lines.push(text.slice(start));
  breaks.push('');
  return { lines, breaks, eol: eol ?? '\n' };
}
