/**
 * The action items: what the reader takes from each way people write them (owners, due dates,
 * tickets, states, horizons; lists, labelled parts, sub-bullets and tables), and the four rules
 * over them, with today given.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActionItem } from '../../server/src/service/actionItems/read';
import { dayText } from '../../server/src/service/values/date';
import { service } from '../support/service';

/** A post-mortem of an incident on 2026-11-20 whose Action Items section is `items`. */
const doc = (items: string, dateTime = '2026-11-20 14:00 - 2026-11-20 16:30 UTC') => `# Post-Mortem: Checkout outage

## Incident Summary

**Incident ID**: INC-20261120-01
**Date/Time**: ${dateTime}
**Severity**: HIGH

## Action Items

${items}
`;

const itemsOf = (text: string, dateOrder?: 'dmy' | 'mdy'): ActionItem[] => service.analyze(text, { dateOrder }).actionItems.items;
const only = (items: string, dateTime?: string): ActionItem => {
  const all = itemsOf(doc(items, dateTime));
  assert.equal(all.length, 1, `items: ${JSON.stringify(all)}`);
  return all[0];
};
const days = (item: ActionItem) => item.due?.days?.map(dayText);
const findings = (items: string, today = '2026-12-01', dateTime?: string) =>
  service
    .diagnostics(service.analyze(doc(items, dateTime)), { today })
    .filter((d) => String(d.code).startsWith('action-item-'))
    .map((d) => `${d.range.start.line - 10}:${d.code}`);

describe('action items: reading', () => {
  it('reads the template form: box, text, owner and due date, by their place', () => {
    const item = only('- [ ] Alert on replica lag - Priya Natarajan - 2026-11-25');
    assert.equal(item.state, 'open');
    assert.equal(item.text.text, 'Alert on replica lag');
    assert.equal(item.owner?.text, 'Priya Natarajan');
    assert.deepEqual(days(item), ['2026-11-25']);
    assert.equal(item.form, 'list');
    assert.deepEqual({ line: item.text.line, start: item.text.start, end: item.text.end }, { line: 10, start: 6, end: 26 });
  });

  it('reads owners as people write them', () => {
    for (const [written, owner] of [
      ['- [ ] Fix it - @alice - 2026-11-25', '@alice'],
      ['- [ ] Fix it - alice@example.com - 2026-11-25', 'alice@example.com'],
      ['- [ ] Fix it - [[Alice Chen]] - 2026-11-25', '[[Alice Chen]]'],
      ['- [ ] Fix it - Head of RCS (Prof. L. Brennan) - 2026-11-25', 'Head of RCS (Prof. L. Brennan)'],
      ['- [ ] Fix it — Owner: Payments SRE — Due: 2026-11-25', 'Payments SRE'],
      ['- [ ] Fix it (owner: @kim, due 2026-11-25)', '@kim'],
      ['- [ ] **Fix it** — **Owner:** Dani Okafor — **Due:** 2026-11-25', 'Dani Okafor'],
    ]) {
      const item = only(written);
      assert.equal(item.owner?.text, owner, written);
      assert.deepEqual(days(item), ['2026-11-25'], written);
    }
  });

  it('reads due dates in every form the value reader knows, and +7d from the incident', () => {
    for (const [written, day] of [
      ['2026-11-27', '2026-11-27'],
      ['27.11.2026', '2026-11-27'],
      ['27th November 2026', '2026-11-27'],
      ['Nov. 27th', '2026-11-27'],
      ['Fri, Nov 27', '2026-11-27'],
      ['due 11/27', '2026-11-27'],
      ['by 27 Nov 2026', '2026-11-27'],
      ['+7d', '2026-11-27'],
      ['+1w', '2026-11-27'],
      ['+1 month', '2026-12-20'],
    ]) {
      assert.deepEqual(days(only(`- [ ] Fix it - @alice - ${written}`)), [day], written);
    }
    // January items of a December incident are in the next year.
    assert.deepEqual(days(only('- [ ] Fix it - @alice - Jan 8', '2026-12-28 10:00 - 11:00 UTC')), ['2027-01-08']);
  });

  it('keeps words that say when without a date, and reads a date that reads both ways as the others do', () => {
    const eow = only('- [ ] Fix it - @alice - by EOW');
    assert.ok(eow.due);
    assert.equal(eow.due.days, undefined);
    const items = itemsOf(doc('- [ ] One - @a - 11/27/2026\n- [ ] Two - @b - 12/02/2026'));
    assert.deepEqual(items.map(days), [['2026-11-27'], ['2026-12-02']]);
    const alone = only('- [ ] Two - @b - 12/02/2026');
    assert.deepEqual(days(alone), ['2026-02-12', '2026-12-02']);
  });

  it('reads tickets: links and IDs', () => {
    assert.equal(only('- [ ] Fix it - @a - 2026-11-25 - JIRA-123').ticket?.text, 'JIRA-123');
    assert.equal(only('- [ ] Fix it — Owner: A — Due: 2026-11-25 — [ENG-2231](https://linear.app/acme/issue/ENG-2231)').ticket?.text, '[ENG-2231](https://linear.app/acme/issue/ENG-2231)');
    assert.equal(only('- [ ] Fix it - @a - 2026-11-25 - #456').ticket?.text, '#456');
    assert.equal(only('- [ ] Fix it (PR #5521) - @a - 2026-11-25').ticket?.text, '#5521');
  });

  it('reads the state: boxes, done words, ticks and strikethrough', () => {
    assert.equal(only('- [x] Fix it - @a - 2026-11-21').state, 'done');
    assert.equal(only('- [X] Fix it - @a - 2026-11-21').state, 'done');
    assert.equal(only('- [ ] Fix it - @a - done 11/21 ✅').state, 'done');
    assert.equal(only('- ~~Fix it~~ - @a - 2026-11-21').state, 'done');
    assert.equal(only('1. Fix it - @a - 2026-11-21').state, 'unknown');
    assert.equal(only('- [ ] Fix it - Status: in progress - @a - 2026-11-21').state, 'open');
  });

  it('reads labelled parts from sub-bullets and continuation lines', () => {
    const item = only('- [ ] **Send the RCA to the client**\n  - Owner: Claire Dunn\n  - Due: +5d\n  - Ticket: MSP-88413');
    assert.equal(item.owner?.text, 'Claire Dunn');
    assert.deepEqual(days(item), ['2026-11-25']);
    assert.equal(item.ticket?.text, 'MSP-88413');
    assert.equal(item.lastLine, item.line + 3);
  });

  it('reads a table by its header names, in any order', () => {
    const items = itemsOf(
      doc(`| # | Status | Due | Action Item | Owner | Ticket |
|---|---|---|---|---|---|
| 1 | Done | 2026-11-21 | \`noeviction\` on every stateful redis | kai | OPS-12 |
| 2 | In progress | 2026-11-27 | Rate limit the partner import | | OPS-13 |
| 3 | Open | — | Load test the import | Ana | |`),
    );
    assert.deepEqual(
      items.map((i) => [i.form, i.state, i.text.text, i.owner?.text, days(i), i.ticket?.text]),
      [
        ['table', 'done', '`noeviction` on every stateful redis', 'kai', ['2026-11-21'], 'OPS-12'],
        ['table', 'open', 'Rate limit the partner import', undefined, ['2026-11-27'], 'OPS-13'],
        ['table', 'open', 'Load test the import', 'Ana', undefined, undefined],
      ],
    );
  });

  it('gives each item the horizon of its subsection, from the schema', () => {
    const items = itemsOf(doc('### Immediate (Next 24 hours)\n- [ ] A - @a - 2026-11-21\n### 9.2 Short-term (next week)\n- [ ] B - @b - 2026-11-27\n### Long-term\n- [ ] C - @c - 2026-12-20\n### Other\n- [ ] D - @d - 2026-12-20'));
    assert.deepEqual(
      items.map((i) => [i.text.text, i.horizon?.section, i.horizon?.within]),
      [
        ['A', 'Immediate', '24 hours'],
        ['B', 'Short-term', '1 week'],
        ['C', 'Long-term', '1 month'],
        ['D', undefined, undefined],
      ],
    );
  });

  it('reads the section under its other names, and never the Response section’s actions taken', () => {
    const text = doc('- [ ] A - @a - 2026-11-21').replace('## Action Items', '## 5. Follow-ups') + '\n## Response\n\n### Immediate Actions Taken\n1. Rolled back - 3 minutes, effective\n';
    assert.deepEqual(itemsOf(text).map((i) => i.text.text), ['A']);
  });

  it('works with CRLF, a BOM, tabs and emoji, in UTF-16 positions', () => {
    const text = `\uFEFF${doc('- [ ] 🚨 Page on 5xx\t- @ola 🙂 - 2026-11-22')}`.replace(/\n/g, '\r\n');
    const [item] = itemsOf(text);
    assert.equal(item.text.text, '🚨 Page on 5xx');
    assert.equal(item.owner?.text, '@ola 🙂');
    assert.deepEqual(days(item), ['2026-11-22']);
    const line = text.split('\r\n')[item.text.line];
    assert.equal(line.slice(item.owner!.start, item.owner!.end), '@ola 🙂');
  });
});

describe('action items: rules', () => {
  it('action-item-incomplete: an open item without an owner, or without a due date', () => {
    assert.deepEqual(findings('- [ ] Alert on replica lag'), ['0:action-item-incomplete']);
    assert.deepEqual(findings('- [ ] Alert on replica lag - @alice'), ['0:action-item-incomplete']);
    assert.deepEqual(findings('- [ ] Alert on replica lag - 2026-12-05'), ['0:action-item-incomplete']);
    const [d] = service.diagnostics(service.analyze(doc('- [ ] Alert on replica lag - @alice')), { today: '2026-12-01' }).filter((x) => x.code === 'action-item-incomplete');
    assert.equal(d.message, 'Action item has no due date: say by when');
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, { start: { line: 10, character: 6 }, end: { line: 10, character: 26 } });
  });

  it('action-item-incomplete: not for a done item, a placeholder, or a table without that column', () => {
    assert.deepEqual(findings('- [x] Alert on replica lag'), []);
    assert.deepEqual(findings('- [ ] Alert on replica lag - [Owner] - 2026-12-05'), []);
    assert.deepEqual(findings('| Action | Due |\n|---|---|\n| Alert on replica lag | 2026-12-05 |'), []);
    assert.deepEqual(findings('| Action | Owner | Due |\n|---|---|---|\n| Alert on replica lag | TBD | 2026-12-05 |'), ['2:action-item-incomplete']);
  });

  it('action-item-incomplete is a hint in a draft', () => {
    const text = `---\nstatus: draft\n---\n${doc('- [ ] Alert on replica lag')}`;
    const [d] = service.diagnostics(service.analyze(text), { today: '2026-12-01' }).filter((x) => x.code === 'action-item-incomplete');
    assert.equal(d.severity, 4);
  });

  it('action-item-due-date: before the incident, or past twice the section’s horizon', () => {
    assert.deepEqual(findings('- [ ] Fix it - @a - 2025-11-25', '2025-01-01'), ['0:action-item-due-date']);
    assert.deepEqual(findings('### Immediate\n- [ ] Fix it - @a - 2026-11-22', '2026-01-01'), []);
    assert.deepEqual(findings('### Immediate\n- [ ] Fix it - @a - 2026-11-23', '2026-01-01'), ['1:action-item-due-date']);
    assert.deepEqual(findings('### Short-term\n- [ ] Fix it - @a - 2026-12-04', '2026-01-01'), []);
    assert.deepEqual(findings('### Short-term\n- [ ] Fix it - @a - 2026-12-05', '2026-01-01'), ['1:action-item-due-date']);
    assert.deepEqual(findings('### Long-term\n- [ ] Fix it - @a - 2027-01-20', '2026-01-01'), []);
    assert.deepEqual(findings('### Long-term\n- [ ] Fix it - @a - 2027-01-21', '2026-01-01'), ['1:action-item-due-date']);
    // From the incident's last day; a done item only against the incident.
    assert.deepEqual(findings('### Immediate\n- [ ] Fix it - @a - 2026-11-24', '2026-01-01', '2026-11-20 22:00 - 2026-11-22 03:00 UTC'), []);
    assert.deepEqual(findings('### Immediate\n- [x] Fix it - @a - 2026-11-30', '2026-01-01'), []);
    const [d] = service.diagnostics(service.analyze(doc('### Short-term\n- [ ] Fix it - @a - 2026-12-20')), { today: '2026-01-01' }).filter((x) => x.code === 'action-item-due-date');
    assert.equal(d.message, "Due date 2026-12-20 is past this section's horizon: 'Short-term' items are due within 1 week of the incident, and this one is due 30 days after it; move it to a later section, or bring the date in");
    assert.equal(d.severity, 3);
  });

  it('action-item-due-date: only a date in the due place, and both readings of one that reads both ways', () => {
    assert.deepEqual(findings('- [ ] Backfill the rows written since 2025-03-01 - @a', '2026-01-01'), []);
    assert.deepEqual(findings('### Immediate\n- [ ] Fix it - @a - 11/12/2026', '2026-01-01'), []);
  });

  it('action-item-overdue: an open item past its date, with today injected', () => {
    assert.deepEqual(findings('- [ ] Fix it - @a - 2026-11-30', '2026-12-01'), ['0:action-item-overdue']);
    assert.deepEqual(findings('- [ ] Fix it - @a - 2026-12-01', '2026-12-01'), []);
    assert.deepEqual(findings('- [x] Fix it - @a - 2026-11-30', '2026-12-01'), []);
    // An item that does not say it is open may be done.
    assert.deepEqual(findings('1. Fix it - @a - 2026-11-30', '2026-12-01'), []);
    const [d] = service.diagnostics(service.analyze(doc('- [ ] Fix it - @a - 2026-11-30')), { today: '2026-12-01' }).filter((x) => x.code === 'action-item-overdue');
    assert.equal(d.message, 'Action item is overdue: due 2026-11-30, yesterday; tick it if it is done, or give it a new date');
    assert.equal(d.severity, 3);
    assert.deepEqual(d.range, { start: { line: 10, character: 20 }, end: { line: 10, character: 30 } });
  });

  it('action-item-done-placeholder: a ticked item whose text is still the placeholder', () => {
    assert.deepEqual(findings('- [x] [Action item] - @raj - 2026-11-21'), ['0:action-item-done-placeholder']);
    assert.deepEqual(findings('- [ ] [Action item] - @raj - 2026-12-21'), []);
  });

  it('a session caches diagnostics per day: an item turns overdue overnight', () => {
    const session = service.open(doc('- [ ] Fix it - @a - 2026-11-30'));
    const on = (today: string) => session.diagnostics(session.analysis(), { today }).filter((d) => d.code === 'action-item-overdue').length;
    assert.equal(on('2026-11-30'), 0);
    assert.equal(on('2026-12-01'), 1);
  });
});

describe('action items: completion', () => {
  /** Completion at ¦ in the document whose Action Items section is `items`. */
  const complete = (items: string, context?: { owners?: string[] }) => {
    const text = doc(items);
    const at = text.indexOf('¦');
    const clean = text.slice(0, at) + text.slice(at + 1);
    const lines = clean.slice(0, at).split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const list = service.completions(service.analyze(clean), position, new Date('2026-12-01T10:00:00Z'), undefined, context);
    return (list?.items ?? []).map((i) => {
      const edit = i.textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } };
      return { label: i.label, newText: edit.newText, range: [edit.range.start.character, edit.range.end.character] };
    });
  };

  it('offers the owners of the other items on an owner placeholder, most used first, then the workspace’s', () => {
    const items = complete('- [ ] A - Bob Li - 2026-11-21\n- [ ] B - @alice - 2026-11-21\n- [ ] C - @alice - 2026-11-22\n- [ ] Fix it - [Ow¦ner] - [Due date]', { owners: ['@carol', '@alice'] });
    assert.deepEqual(
      items.map((i) => i.label),
      ['@alice', 'Bob Li', '@carol'],
    );
    assert.deepEqual(items[0].range, [15, 22]);
    assert.equal(items[0].newText, '@alice');
  });

  it('offers the owner after the dash that ends the line, and after Owner:', () => {
    assert.deepEqual(complete('- [ ] A - @alice - 2026-11-21\n- [ ] Fix it - ¦').map((i) => i.label), ['@alice']);
    assert.deepEqual(complete('- [ ] A - @alice - 2026-11-21\n- [ ] Fix it — Owner: ¦').map((i) => i.label), ['@alice']);
    // Not in the middle of the text.
    assert.deepEqual(complete('- [ ] A - @alice - 2026-11-21\n- [ ] Fix ¦it'), []);
  });

  it('offers due dates from the incident’s last day and the section’s horizon first', () => {
    assert.deepEqual(complete('### Short-term (Next week)\n- [ ] Fix it - @alice - ¦'), [
      { label: '2026-11-27 (1 week)', newText: '2026-11-27', range: [24, 24] },
      { label: '2026-11-21 (24 h)', newText: '2026-11-21', range: [24, 24] },
      { label: '2026-12-20 (1 month)', newText: '2026-12-20', range: [24, 24] },
    ]);
    assert.deepEqual(complete('### Immediate\n- [ ] Fix it - @alice - [Due ¦date]').map((i) => [i.label, i.newText, i.range]).slice(0, 1), [['2026-11-21 (24 h)', '2026-11-21', [24, 34]]]);
  });

  it('completes a table’s Owner and Due cells', () => {
    const items = complete('| Action | Owner | Due |\n|---|---|---|\n| A | @alice | 2026-11-21 |\n| B | ¦ | |');
    assert.deepEqual(items, [{ label: '@alice', newText: ' @alice ', range: [5, 7] }]);
    assert.deepEqual(complete('| Action | Owner | Due |\n|---|---|---|\n| B | @bob | ¦ |').map((i) => i.newText)[0], ' 2026-11-21 ');
  });

  it('offers nothing in a done item', () => {
    assert.deepEqual(complete('- [ ] A - @alice - 2026-11-21\n- [x] Fix it - [Ow¦ner] - 2026-11-21'), []);
  });
});
