/**
 * The parser reads Markdown by hand (for speed, line by line); here it is held to what GitHub
 * renders, through micromark with its GFM table extension: on random documents made of the
 * lines that matter (headings of both kinds, setext underlines, paragraphs, fields, list items,
 * fences, quotes, comments, HTML blocks, tables with pipes in code spans, escaped pipes and
 * missing or extra cells, lines with pipes right under a table), the same headings (line and
 * level) and the same tables (header line, rows, and cells per row) come out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
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

const markdownIt = new MarkdownIt({ html: true });

/** What markdown-it makes of it: headings, and tables by their rows only (it pads and cuts cells to the header's). */
function markdownItStructure(text: string): Structure {
  const headings: string[] = [];
  const tables: { header: number; rows: number }[] = [];
  for (const token of markdownIt.parse(text, {})) {
    if (token.type === 'heading_open') headings.push(`${token.map![0]}:${token.markup === '=' ? 1 : token.markup === '-' ? 2 : token.markup.length}`);
    else if (token.type === 'table_open') tables.push({ header: token.map![0], rows: 0 });
    else if (token.type === 'tr_open') tables[tables.length - 1].rows++;
  }
  return { headings, tables: tables.map((t) => `${t.header}: ${t.rows}`) };
}

/** Tables by their rows only, as markdown-it's are. */
const byRows = (s: Structure): Structure => ({ headings: s.headings, tables: s.tables.map((t) => `${t.split(':')[0]}: ${t.split(':')[1].split(',').length}`) });

/**
 * Ours reads as micromark does; only where micromark and markdown-it (which, like GitHub's cmark,
 * goes on lazily with a list item's paragraph after a lone tag or an indented block) part, ours
 * may read as markdown-it does instead.
 */
function assertReadsAsGitHub(text: string, name: string): void {
  const ours = ourStructure(text);
  const micromarkReads = micromarkStructure(text);
  if (JSON.stringify(ours) === JSON.stringify(micromarkReads)) return;
  const markdownItReads = markdownItStructure(text);
  assert.notDeepEqual(byRows(micromarkReads), markdownItReads, `${name}: micromark and markdown-it agree, and ours differs: ${JSON.stringify({ ours, micromark: micromarkReads })}`);
  assert.deepEqual(byRows(ours), markdownItReads, `${name}: ours reads as neither micromark nor markdown-it: ${JSON.stringify({ ours, micromark: micromarkReads })}`);
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
  '- **Severity**: HIGH',
  '1. **Status**: Resolved',
  '2. second',
  '-',
  '<center>',
  '<pre>',
  '</pre> and text',
  '<span>inline</span>',
  '- note | with a pipe',
  '> quote | with a pipe',
  '<span>x | y</span>',
]

// A tag alone on its line (CommonMark's HTML block kind 7), and <pre> to its closing tag.
const loneTagDocuments = [
  '\n<img src="x.png" alt="graph">\n## Timeline\n',
  '\nSome text\n<img src="x.png">\n## Timeline\n',
  '\n| a | b |\n|---|---|\n| 1 | 2 |\n</span>\n## Timeline\n',
  '\n</span>\nTimeline\n---\n',
  '\n<pre>\n## not a heading\n\n## nor this\n</pre>\n## Timeline\n',
]

describe('the Markdown parser reads as GitHub renders (micromark + GFM tables)', () => {
  it('finds the same headings and tables on random documents', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), (lines) => {
        // A first line of --- would open front matter, which GitHub shows apart (and micromark reads as Markdown).
        const text = `\n${lines.join('\n')}\n`;
        assertReadsAsGitHub(text, JSON.stringify(text));
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS) || 3000, seed: Number(process.env.FC_SEED) || 20261201 },
    );
  });

  it('reads a tag alone on its line, and <pre> to its closing tag, as micromark does', () => {
    for (const text of loneTagDocuments) assertReadsAsGitHub(text, JSON.stringify(text));
  });

  it('reads the template and every corpus post-mortem as micromark does', async () => {
    const { readFixtures } = await import('../support/corpus');
    for (const fixture of [...readFixtures('filled'), ...readFixtures('partial'), ...readFixtures('not-postmortems')]) {
      const text = fixture.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      // Front matter is no Markdown: micromark without its extension reads it as text.
      const withoutFrontMatter = text.replace(/^---\n[\s\S]*?\n(?:---|\.\.\.)\n/, (m) => '\n'.repeat(m.split('\n').length - 1));
      assertReadsAsGitHub(withoutFrontMatter, fixture.name);
    }
  });
});
