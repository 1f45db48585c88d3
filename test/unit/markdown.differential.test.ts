/**
 * The parser reads Markdown by hand (for speed, line by line); here it is held to what GitHub
 * renders, through micromark with its GFM table extension: on random documents made of the
 * lines that matter (headings of both kinds, setext underlines, paragraphs, fields, list items,
 * fences, quotes, comments, tables with pipes in code spans, escaped pipes and missing or extra
 * cells), the same headings (line and level) and the same tables (header line, rows, and cells
 * per row) come out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse, postprocess, preprocess } from 'micromark';
import { gfmTable } from 'micromark-extension-gfm-table';
import { service } from '../support/service';

interface Structure {
  headings: string[];
  tables: string[];
}

/** What micromark makes of a document: headings as "line:level", tables as "header line: cells per row". */
function micromarkStructure(text: string): Structure {
  const events = postprocess(parse({ extensions: [gfmTable()] }).document().write(preprocess()(text, undefined, true)));
  const headings: string[] = [];
  const tables: { header: number; rows: number[] }[] = [];
  let cells = -1;
  for (let k = 0; k < events.length; k++) {
    const [kind, token] = events[k];
    if (kind === 'enter' && token.type === 'atxHeading') {
      const sequence = events.slice(k).find(([, t]) => t.type === 'atxHeadingSequence')![1];
      headings.push(`${token.start.line - 1}:${sequence.end.offset - sequence.start.offset}`);
    } else if (kind === 'enter' && token.type === 'setextHeading') {
      const underline = events.slice(k).find(([, t]) => t.type === 'setextHeadingLineSequence')![1];
      headings.push(`${token.start.line - 1}:${text[underline.start.offset] === '=' ? 1 : 2}`);
    } else if (kind === 'enter' && token.type === 'table') tables.push({ header: token.start.line - 1, rows: [] });
    else if (kind === 'enter' && token.type === 'tableRow') cells = 0;
    else if (kind === 'enter' && (token.type === 'tableData' || token.type === 'tableHeader')) cells++;
    else if (kind === 'exit' && token.type === 'tableRow') tables[tables.length - 1].rows.push(cells);
  }
  // micromark counts the header row among the rows (and not the delimiter row).
  return { headings, tables: tables.map((t) => `${t.header}: ${t.rows.join(',')}`) };
}

function ourStructure(text: string): Structure {
  const { doc } = service.analyze(text);
  return {
    headings: doc.headings.map((h) => `${h.line}:${h.level}`),
    tables: doc.tables.map((t) => `${t.header.line}: ${[t.header, ...t.rows].map((r) => r.cells.length).join(',')}`),
  };
}

const pieces = [
  '',
  '',
  'Timeline',
  'Incident Summary',
  'Some text about the incident.',
  '**Severity**: HIGH',
  '---',
  '===',
  '----------',
  '- item',
  '1. first',
  '# Heading',
  '## Timeline',
  '### Review Date: 2026-03-21',
  '```',
  '~~~',
  '> quoted',
  '<!-- a comment -->',
  '| Time | Event |',
  '|------|-------|',
  '| :--- | ---: |',
  '| 14:02 | Alert |',
  '| 14:03 | `kubectl get pods | grep x` |',
  '| 14:04 | escaped \\| pipe |',
  '| 14:05 |',
  '| 14:06 | a | b |',
  '14:07 | no leading pipe',
  'a line right under',
  '***',
  '<details>',
  '<summary>Logs</summary>',
  '</details>',
  '    indented code',
  '  - nested item',
  '## Closed heading ##',
  '#hashtag',
  '   ### Indented heading',
  '| Time | Event | Component |',
  '|---|---|---|',
  'Time | Event',
  '--- | ---',
  '* star item',
  '```md',
]

describe('the Markdown parser reads as GitHub renders (micromark + GFM tables)', () => {
  it('finds the same headings and tables on random documents', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), (lines) => {
        // A first line of --- would open front matter, which GitHub shows apart (and micromark reads as Markdown).
        const text = `\n${lines.join('\n')}\n`;
        assert.deepEqual(ourStructure(text), micromarkStructure(text), JSON.stringify(text));
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS) || 3000, seed: Number(process.env.FC_SEED) || 20261201 },
    );
  });

  it('reads the template and every corpus post-mortem as micromark does', async () => {
    const { readFixtures } = await import('../support/corpus');
    for (const fixture of [...readFixtures('filled'), ...readFixtures('partial'), ...readFixtures('not-postmortems')]) {
      const text = fixture.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      // Front matter is no Markdown: micromark without its extension reads it as text.
      const withoutFrontMatter = text.replace(/^---\n[\s\S]*?\n(?:---|\.\.\.)\n/, (m) => '\n'.repeat(m.split('\n').length - 1));
      assert.deepEqual(ourStructure(withoutFrontMatter), micromarkStructure(withoutFrontMatter), fixture.name);
    }
  });
});
