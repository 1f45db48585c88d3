/**
 * findWholeWord against the lookaround patterns it replaces: the same first match, on random
 * texts of letters (accented, Greek, CJK), digits, emoji, separators and the words looked for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findWholeWord, letterOrDigitAt, letterOrDigitBefore } from '../../server/src/service/text/wholeWords';

const piece = fc.constantFrom('high', 'High', 'HIGHS', 'highes', 'sev', '1', 'sev-1', 'sev_1', 'a', 'é', 'ß', 'Ω', '中', '😀', '🔴', '𝐀', ' ', '-', '_', '/', '(', ')', '.', ':', '\t', 'x', '9');
const textArb = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
const bodies = ['high', 'sev[\\s_/-]*1', 'human[\\s_/-]*error', 'é', 'sev'];

describe('whole words without lookarounds', () => {
  it('finds what (?<![\\p{L}\\p{N}])…(?![\\p{L}\\p{N}]) finds, with an optional plural', () => {
    fc.assert(
      fc.property(textArb, fc.constantFrom(...bodies), fc.boolean(), (text, body, plural) => {
        const reference = new RegExp(`(?<![\\p{L}\\p{N}])${body}${plural ? '(?:s|es)?' : ''}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
        const found = findWholeWord(new RegExp(`${body}${plural ? '(?:s|es)?' : ''}`, 'giu'), text, true);
        assert.deepEqual(found, reference ? { start: reference.index, end: reference.index + reference[0].length } : undefined, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds what a lookbehind alone finds (a part label and its colon)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('date', 'Date', ':', ' ', 'x', 'é', '😀', '1', 'update'), { maxLength: 12 }).map((p) => p.join('')), (text) => {
        const reference = /(?<![\p{L}\p{N}])date\s*:/iu.exec(text);
        const found = findWholeWord(/date\s*:/giu, text, false);
        assert.deepEqual(found, reference ? { start: reference.index, end: reference.index + reference[0].length } : undefined, JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a letter or digit on either side of a surrogate pair', () => {
    assert.equal(letterOrDigitBefore('𝐀x', 2), true);
    assert.equal(letterOrDigitAt('x𝐀', 1), true);
    assert.equal(letterOrDigitBefore('😀x', 2), false);
    assert.equal(letterOrDigitAt('x😀', 1), false);
    assert.equal(letterOrDigitBefore('x', 0), false);
    assert.equal(letterOrDigitAt('x', 1), false);
  });
});
