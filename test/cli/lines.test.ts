/**
 * The lines postmortem-check gives the service (cli/src/lines.ts), each decoded from the file's
 * bytes on its own so that the service's caches keep lines, not whole files: they must be the
 * lines of the text decoded in one piece, character for character.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { linesOfBytes, lengthOf } from '../../cli/src/lines';
import { splitLines } from '../../server/src/service/text/lines';

describe('the lines postmortem-check gives the service', () => {
  it('are the lines of the whole text: decoded line by line, broken UTF-8, BOMs and every line break as in one piece', () => {
    const pieces = fc.oneof(
      fc.constantFrom('\n', '\r', '\r\n', '\r\r\n', '\ufeff', 'é', '🔥', '日本', '**Severity**: HIGH', ''),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    );
    const brokenBytes = fc.constantFrom([0xff], [0xe6, 0x97], [0xf0, 0x9f, 0x94], [0x80], [0xc3], [0xed, 0xa0, 0x80]);
    const bytes = fc.array(fc.oneof(pieces.map((p) => [...Buffer.from(p, 'utf8')]), brokenBytes), { maxLength: 40 }).map((parts) => Buffer.from(parts.flat()));
    fc.assert(
      fc.property(bytes, (buffer) => {
        const text = buffer.toString('utf8');
        const lines = linesOfBytes(buffer);
        assert.deepEqual(lines, splitLines(text));
        assert.equal(lengthOf(lines), text.length);
      }),
      { numRuns: 2000 },
    );
  });
});
