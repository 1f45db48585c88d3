/**
 * Moving through what is left to fill: Next/Previous Field, Tab through a table row, selection
 * ranges of a placeholder, the gaps per section, and Mark Ready for Review. Documents are written
 * in the test with cursor markers: `‸` for a cursor, `«` and `»` around a selection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position, Range } from 'vscode-languageserver-types';
import { cleanPostmortem } from '../support/corpus';
import { applyEdits, service, templateText } from '../support/service';

/** The text without its markers, and the selection they mark (UTF-16 positions). */
function marked(source: string): { text: string; selection: Range } {
  const lines = source.split(/(?<=\n)/);
  let start: Position | undefined;
  let end: Position | undefined;
  const out = lines.map((line, n) => {
    let result = '';
    for (const ch of line) {
      const at = { line: n, character: result.length };
      if (ch === '‸') start = end = at;
      else if (ch === '«') start = at;
      else if (ch === '»') end = at;
      else result += ch;
    }
    return result;
  });
  assert.ok(start && end, 'a cursor (‸) or selection («»)');
  return { text: out.join(''), selection: { start, end } };
}

const textAt = (text: string, range: Range) => {
  const line = text.split(/\r?\n/)[range.start.line];
  return line.slice(range.start.character, range.end.character);
};

describe('field navigation', () => {
  const doc = `# Post-Mortem: Ledger failover

## Incident Summary

**Incident ID**: INC-20261201-01
**Date/Time**: 2026-12-01 [START TIME] - [END TIME]
**Duration**:
**Severity**: TBD 🔥

### What Happened?
The ledger's primary 🗄️ stopped taking writes. ____ more to come.
`;

  it('selects the next placeholder whole, then the place of an empty value, then a TBD, and comes round', () => {
    const { text, selection } = marked(doc.replace('2026-12-01 [START', '2026-12-01 ‸[START'));
    const analysis = service.analyze(text);
    const steps: string[] = [];
    let at = selection;
    for (let k = 0; k < 6; k++) {
      const step = service.gapStep(analysis, at, 'next')!;
      steps.push(`${step.index}/${step.total}${step.wrapped ? ' wrapped' : ''} ${JSON.stringify(textAt(text, step.range))}@${step.range.start.line}:${step.range.start.character}`);
      at = step.range;
    }
    assert.deepEqual(steps, [
      // From a cursor at its start, the placeholder it is on.
      '1/5 "[START TIME]"@5:26',
      '2/5 "[END TIME]"@5:41',
      // Nothing after the label: where the value goes, empty.
      '3/5 ""@6:13',
      // A value not known yet, selected with its note.
      '4/5 "TBD 🔥"@7:14',
      // After an emoji of three UTF-16 code units (🗄️: a surrogate pair and a variation selector).
      '5/5 "____"@10:48',
      '1/5 wrapped "[START TIME]"@5:26',
    ]);
  });

  it('goes back from a selection and from inside a placeholder, coming round at the start', () => {
    const inside = marked(doc.replace('[END TIME]', '[END ‸TIME]'));
    const back = service.gapStep(service.analyze(inside.text), inside.selection, 'previous')!;
    assert.equal(textAt(inside.text, back.range), '[START TIME]');
    const first = marked(doc.replace('[START TIME]', '«[START TIME]»'));
    const round = service.gapStep(service.analyze(first.text), first.selection, 'previous')!;
    assert.equal(round.wrapped, true);
    assert.equal(textAt(first.text, round.range), '____');
  });

  it('finds nothing in a post-mortem with nothing left', () => {
    assert.equal(service.gapStep(service.analyze(cleanPostmortem()), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'next'), null);
  });

  it('moves through the cells of a table row, then to the next row, as GitHub splits the cells', () => {
    const table = '## Timeline\n\n| Time | Event | Component | Action Taken |\n|---|---|---|---|\n| 14:02 | Alert `a\\|b` fired | ‸[Component] | |\n| 14:05 | Paged | db | failover |\n';
    const { text, selection } = marked(table);
    const analysis = service.analyze(text);
    const next = service.cellStep(analysis, selection.start, 'next')!;
    // The empty Action Taken cell: where its text goes, after the space that opens it.
    assert.deepEqual(next, { start: { line: 4, character: 45 }, end: { line: 4, character: 45 } });
    const wrapped = service.cellStep(analysis, next.start, 'next')!;
    assert.equal(textAt(text, wrapped), '14:05');
    const back = service.cellStep(analysis, selection.start, 'previous')!;
    // The escaped pipe in the code span does not split the Event cell.
    assert.equal(textAt(text, back), 'Alert `a\\|b` fired');
    // From the delimiter row, the first body row; outside a table, nothing.
    assert.equal(textAt(text, service.cellStep(analysis, { line: 3, character: 2 }, 'next')!), '14:02');
    assert.equal(service.cellStep(analysis, { line: 0, character: 3 }, 'next'), null);
    assert.equal(service.cellStep(analysis, { line: 5, character: 30 }, 'next'), null);
  });

  it('selects a placeholder whole, then its cell or value, then the line', () => {
    const { text, selection } = marked('## Timeline\n\n| Time | Event | Component | Action Taken |\n|---|---|---|---|\n| 14:02 | Alert | see [Comp‸onent] | x |\n');
    const analysis = service.analyze(text);
    const [range] = service.selectionRanges(analysis, [selection.start]);
    const chain: string[] = [];
    for (let r: typeof range | undefined = range; r; r = r.parent) chain.push(textAt(text, r.range));
    assert.deepEqual(chain, ['[Component]', 'see [Component]', '| 14:02 | Alert | see [Component] | x |']);
    assert.equal(textAt(text, service.placeholderAt(analysis, selection.start)!), '[Component]');
    assert.equal(service.placeholderAt(analysis, { line: 4, character: 3 }), null);
  });
});

describe('what is left, per section, and Mark Ready for Review', () => {
  it('counts what the status bar counts, per top-level section, with the first gap of each', () => {
    const draft = service.newDocument({ title: 'Ledger failover', date: '2026-12-01' }).text;
    const analysis = service.analyze(draft);
    const diagnostics = service.diagnostics(analysis);
    const sections = service.gapSections(analysis, diagnostics);
    const toFill = service.status(analysis, analysis.detection, diagnostics).toFill;
    assert.equal(sections.reduce((n, s) => n + s.count, 0), toFill);
    assert.deepEqual(sections.slice(0, 3).map((s) => s.title), ['Incident Summary', 'Timeline', 'Root Cause Analysis']);
    assert.equal(textAt(draft, sections[0].first), '[START TIME]');
    // Subsections count in their top-level section: Impact Assessment is in Incident Summary.
    assert.ok(!sections.some((s) => s.title === 'Impact Assessment'));
  });

  it('refuses while something required is left, with what is left, and moves a complete draft to in-review', () => {
    const draft = service.newDocument({ title: 'Ledger failover', date: '2026-12-01' }).text;
    const notReady = service.readiness(service.analyze(draft))!;
    assert.equal(notReady.ready, false);
    assert.equal(notReady.status, 'in-review');
    assert.equal(notReady.from, 'draft');
    assert.ok(notReady.toFill > 50);
    assert.deepEqual(notReady.edits, []);
    assert.equal(notReady.left.reduce((n, s) => n + s.count, 0), notReady.toFill);

    const complete = `---\nstatus: draft # New Post-Mortem\n---\n${cleanPostmortem()}`;
    const ready = service.readiness(service.analyze(complete))!;
    assert.equal(ready.ready, true);
    assert.equal(applyEdits(complete, ready.edits).split('\n')[1], 'status: in-review # New Post-Mortem');
    // One gap left is enough to refuse, whatever the draft's levels; the user's own levels count.
    const oneGap = complete.replace(/^\*\*Duration\*\*: .*$/m, '**Duration**: [TOTAL DURATION]');
    const refused = service.readiness(service.analyze(oneGap))!;
    assert.deepEqual([refused.ready, refused.toFill, refused.left.map((s) => s.title)], [false, 1, ['Incident Summary']]);
    assert.equal(service.readiness(service.analyze(oneGap), { levels: { 'unfilled-placeholder': 'warning' } })!.ready, true);
    // The template itself, without a status: front matter is made for it.
    assert.equal(service.readiness(service.analyze(templateText))!.from, undefined);
  });
});
