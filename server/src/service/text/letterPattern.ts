/**
 * A pattern that needs Unicode's letters and digits (`\p{L}`, `\p{N}`), with an ASCII twin for
 * texts that are all ASCII. V8 takes 2 to 9 ms to compile such a pattern, once per process, and
 * the date, time and number readers hold several: about 30 ms of the first analysis in each new
 * server and each postmortem-check worker, against 0.1 ms for the twin, where `\p{L}` is
 * `[A-Za-z]` and `\p{N}` is `[0-9]`. On an ASCII text the two find the same (on ASCII, these are
 * all the letters and digits there are); any other text gets the Unicode pattern, compiled then.
 */

const asciiText = /^[\x00-\x7f]*$/;

/** Every letter pattern made, for the test that compares each with its twin (test/unit/letterPattern.test.ts). */
export const letterPatterns: LetterPattern[] = [];

export class LetterPattern {
  private unicode: RegExp | undefined;
  private ascii: RegExp | undefined;

  constructor(
    readonly source: string,
    readonly flags: string,
  ) {
    letterPatterns.push(this);
  }

  /** The pattern to run on `text` (its lastIndex is the caller's, as with any global pattern). */
  for(text: string): RegExp {
    if (asciiText.test(text)) return (this.ascii ??= new RegExp(asciiSource(this.source), this.flags));
    return this.unicodeOnly();
  }

  /** The pattern as written, whatever the text. */
  unicodeOnly(): RegExp {
    return (this.unicode ??= new RegExp(this.source, this.flags));
  }
}

/** The source with `\p{L}` as A-Z and a-z and `\p{N}` as 0-9, inside a character class or alone. */
export function asciiSource(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const escape = source.slice(i, i + 5);
      if (escape === '\\p{L}' || escape === '\\p{N}') {
        const range = escape === '\\p{L}' ? 'A-Za-z' : '0-9';
        out += inClass ? range : `[${range}]`;
        i += 4;
      } else {
        out += source.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}
