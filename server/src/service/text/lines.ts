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
  // The next \n and \r from `start`, found with indexOf (much quicker than a loop over characters).
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf !== -1 || cr !== -1) {
    let lineBreak: string;
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      lines.push(text.slice(start, lf));
      lineBreak = '\n';
      start = lf + 1;
      lf = text.indexOf('\n', start);
    } else {
      lines.push(text.slice(start, cr));
      if (lf === cr + 1) {
        lineBreak = '\r\n';
        start = cr + 2;
        lf = text.indexOf('\n', start);
      } else {
        lineBreak = '\r';
        start = cr + 1;
      }
      cr = text.indexOf('\r', start);
    }
    eol ??= lineBreak;
    breaks.push(lineBreak);
  }
  lines.push(text.slice(start));
  breaks.push('');
  return { lines, breaks, eol: eol ?? '\n' };
}
