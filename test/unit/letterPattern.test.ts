/**
 * Every letter pattern of the value readers (text/letterPattern.ts) against its ASCII twin: on
 * ASCII texts made of what the readers look for (dates, month names, times, zones, numbers,
 * words and separators), both find the same matches, with the same groups.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import '../../server/src/service';
import { asciiSource, letterPatterns, type LetterPattern } from '../../server/src/service/text/letterPattern';

const piece = fc.constantFrom(
  '2026', '11', '3', '09', '-', '/', '.', ',', ':', ' ', '  ', 'T', 'Z', 'UTC', 'utc', 'GMT+2', '+05:30', 'CEST', 'PST',
  'March', 'mar', 'Sept', 'nov.', 'de', '1st', '22nd', 'th', 'am', 'PM', 'h', 'k', 'M', '%', 'percent', 'pct', '1,204', '2.310', '18,5',
  'x', 'abc', '_', 'a1', '(', ')', "'26", '~', 'to', 'until', '-', 'day', '\t',
);
const asciiText = fc.array(piece, { maxLength: 16 }).map((parts) => parts.join(''));

function matches(pattern: RegExp, text: string): (string | undefined)[][] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const found: (string | undefined)[][] = [];
  for (let m = global.exec(text); m !== null && found.length < 50; m = global.exec(text)) {
    found.push([String(m.index), ...m]);
    if (m[0] === '') global.lastIndex++;
  }
  return found;
}

describe('letter patterns and their ASCII twins', () => {
  it('are made by the value readers', () => {
    assert.ok(letterPatterns.length >= 8, `${letterPatterns.length} letter patterns`);
  });

  it('find the same on ASCII texts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...letterPatterns), asciiText, (pattern: LetterPattern, text) => {
        assert.deepEqual(matches(pattern.for(text), text), matches(pattern.unicodeOnly(), text), `${pattern.source} on ${JSON.stringify(text)}`);
      }),
      { numRuns: 4000 },
    );
  });

  it('run the Unicode pattern on any other text', () => {
    const pattern = letterPatterns[0];
    assert.equal(pattern.for('März 2026 → 3. März'), pattern.unicodeOnly());
    assert.notEqual(pattern.for('March 2026'), pattern.unicodeOnly());
  });

  it('write \\p{L} and \\p{N} as ASCII ranges, in a class or alone', () => {
    assert.equal(asciiSource(String.raw`(?<![\p{L}\p{N}.,])x\p{L}+\p{N}(?![\p{L}])\\p{L}`), String.raw`(?<![A-Za-z0-9.,])x[A-Za-z]+[0-9](?![A-Za-z])\\p{L}`);
  });
});
