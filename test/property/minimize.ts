/**
 * Shrinks a failing document to a small one that still fails, for regression tests: fast-check
 * shrinks the generator's choices, this shrinks the text itself (whole lines first, then runs of
 * characters, then single characters, never splitting a surrogate pair or a \r\n).
 *
 *   import { minimizeText } from './minimize';
 *   const small = minimizeText(bigText, (text) => { try { check(text); return false; } catch { return true; } });
 */

/** Pieces of a line break kept whole: \r\n is one. */
function lineChunks(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function codePoints(text: string): string[] {
  return text.match(/\r\n|[\s\S]/gu) ?? [];
}

/** Removes chunks while the predicate holds, from halves down to single chunks (ddmin-like). */
function shrinkChunks(chunks: string[], fails: (text: string) => boolean): string[] {
  let current = chunks;
  for (let size = Math.max(1, Math.floor(current.length / 2)); size >= 1; size = Math.floor(size / 2)) {
    let progress = true;
    while (progress) {
      progress = false;
      for (let start = 0; start < current.length; start += size) {
        const candidate = [...current.slice(0, start), ...current.slice(start + size)];
        if (fails(candidate.join(''))) {
          current = candidate;
          progress = true;
          start -= size;
        }
      }
    }
    if (size === 1) break;
  }
  return current;
}

export function minimizeText(text: string, fails: (text: string) => boolean, options: { simplify?: boolean } = {}): string {
  if (!fails(text)) throw new Error('minimizeText: the text does not fail to begin with');
  let current = shrinkChunks(lineChunks(text), fails).join('');
  // Within lines: drop characters.
  current = shrinkChunks(codePoints(current), fails).join('');
  if (options.simplify) {
    // Make what is left readable: letters to 'a', digits to '0', where that still fails.
    const chars = codePoints(current);
    for (let i = 0; i < chars.length; i++) {
      for (const replacement of [/\p{L}/u.test(chars[i]) ? 'a' : undefined, /\d/.test(chars[i]) ? '0' : undefined]) {
        if (!replacement || replacement === chars[i]) continue;
        const candidate = [...chars.slice(0, i), replacement, ...chars.slice(i + 1)];
        if (fails(candidate.join(''))) {
          chars[i] = replacement;
          break;
        }
      }
    }
    current = chars.join('');
  }
  return current;
}
