import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditableText } from '../../server/src/service/text/editableText';
import { splitLines } from '../../server/src/service/text/lines';
import { service, templateText } from '../support/service';

/** The offset of an LSP position in a text; past the last line is the end of the text (as in LSP). */
function offsetAt(text: string, line: number, character: number): number {
  const { lines, breaks } = splitLines(text);
  if (line >= lines.length) return text.length;
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + breaks[i].length;
  return offset + Math.min(character, lines[line].length);
}

const piece = fc.constantFrom('a', 'b', ' ', '|', '[', ']', '#', '`', '\r', '\n', '\r\n', '😀', '**Severity**: ', '[Component]', '```', '- [ ] ');
const textArb = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const editArb = fc.record({
  a: fc.record({ line: fc.nat(8), character: fc.nat(12) }),
  b: fc.record({ line: fc.nat(8), character: fc.nat(12) }),
  text: textArb,
});

describe('EditableText', () => {
  it('applies range edits exactly as editing the whole string and splitting again', () => {
    fc.assert(
      fc.property(textArb, fc.array(editArb, { maxLength: 6 }), (initial, edits) => {
        const doc = new EditableText(initial);
        let expected = initial;
        for (const { a, b, text } of edits) {
          const [start, end] = a.line < b.line || (a.line === b.line && a.character <= b.character) ? [a, b] : [b, a];
          const s = offsetAt(expected, start.line, start.character);
          const e = offsetAt(expected, end.line, end.character);
          expected = expected.slice(0, s) + text + expected.slice(Math.max(s, e));
          doc.apply({ range: { start, end }, text });
          const fresh = splitLines(expected);
          assert.deepEqual(doc.lines, fresh.lines);
          assert.deepEqual(doc.breaks, fresh.breaks);
          assert.equal(doc.getText(), expected);
          assert.equal(doc.length, expected.length);
        }
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 2000) },
    );
  });

  it('agrees with vscode-languageserver-textdocument, the LSP reference, on incremental changes', () => {
    // The server edits its own line array instead of a TextDocument (the analysis then reuses
    // unchanged lines); this keeps it honest against the library editors' clients are tested with.
    fc.assert(
      fc.property(textArb, fc.array(editArb, { maxLength: 6 }), (initial, edits) => {
        const doc = new EditableText(initial);
        let reference = TextDocument.create('file:///a.md', 'markdown', 1, initial);
        for (const { a, b, text } of edits) {
          // Positions inside the document, as clients send them (the reference's incremental line
          // offsets go wrong on positions past the end).
          const inside = (p: { line: number; character: number }) => {
            const line = Math.min(p.line, doc.lines.length - 1);
            return { line, character: Math.min(p.character, doc.lines[line].length) };
          };
          const [start, end] = [inside(a), inside(b)].sort((p, q) => p.line - q.line || p.character - q.character);
          doc.apply({ range: { start, end }, text });
          reference = TextDocument.update(reference, [{ range: { start, end }, text }], reference.version + 1);
          assert.equal(doc.getText(), reference.getText());
          assert.equal(doc.length, reference.getText().length);
          assert.equal(doc.lines.length, reference.lineCount);
        }
        doc.apply({ text: initial });
        reference = TextDocument.update(reference, [{ text: initial }], reference.version + 1);
        assert.equal(doc.getText(), reference.getText());
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 2000) },
    );
  });

  it('gives the same diagnostics after edits as a fresh analysis, reusing unchanged lines', () => {
    const session = service.open(templateText);
    session.diagnostics(session.analysis());
    const severity = session.text.lines.findIndex((l) => l.startsWith('**Severity**'));
    session.apply([
      { range: { start: { line: severity, character: 14 }, end: { line: severity, character: 40 } }, text: 'HIGH' },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '```\nopen fence\n' },
    ]);
    const reused = session.knownLines;
    assert.ok(reused > session.text.lines.length - 10, `facts kept for unchanged lines (${reused} of ${session.text.lines.length})`);
    const incremental = session.diagnostics(session.analysis());
    const fresh = service.diagnostics(service.analyze(session.getText()));
    assert.deepEqual(incremental, fresh);
  });

  it('compacts its lines without changing a character: a BOM, CRLF, tabs, emoji, a lone surrogate', () => {
    const text = `\ufeff# Post-Mortem: DNS → outage 😀 at the edge\r\n\tindented line with a tab and more words\r\n${'x'.repeat(20)}\ud800 lone surrogate here\nshort\n\n**Severity**: 🔴 CRITICAL — paged at 03:12`;
    const editable = new EditableText(text);
    editable.compact();
    assert.equal(editable.getText(), text);
    // Edited after a compaction, and compacted again.
    editable.apply({ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 9 } }, text: 'edited → line\r\nand one more long line 😀' });
    const edited = editable.getText();
    editable.compact();
    assert.equal(editable.getText(), edited);
    assert.ok(edited.includes('\tedited → line\r\nand one more long line 😀 line with a tab'));
    fc.assert(
      fc.property(textArb, (generated) => {
        const e = new EditableText(generated);
        e.compact();
        assert.equal(e.getText(), generated);
      }),
    );
  });

  it('released, keeps its text and derives the same diagnostics again, also after an edit', () => {
    const text = templateText.replace('[INCIDENT TITLE]', 'Checkout → 502s 🚨');
    const session = service.open(text);
    const before = session.diagnostics(session.analysis());
    session.release();
    assert.equal(session.holdsDerived, false);
    assert.equal(session.knownLines, 0);
    assert.equal(session.getText(), text);
    assert.deepEqual(session.diagnostics(session.analysis()), before);
    session.release();
    const severity = session.text.lines.findIndex((l) => l.startsWith('**Severity**'));
    session.apply([{ range: { start: { line: severity, character: 14 }, end: { line: severity, character: 40 } }, text: 'HIGH' }]);
    assert.deepEqual(session.diagnostics(session.analysis()), service.diagnostics(service.analyze(session.getText())));
  });
});
