import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Range } from 'vscode-languageserver-types';
import { applyEdits, editsOf, service, templateText } from '../support/service';

const uri = 'file:///pm.md';

function actions(text: string, line: number, options: { only?: string[]; cursorCommand?: string; diagnostics?: boolean } = {}): CodeAction[] {
  const analysis = service.analyze(text);
  const range: Range = { start: { line, character: 0 }, end: { line, character: 0 } };
  const diagnostics = options.diagnostics === false ? [] : service.diagnostics(analysis).filter((d) => d.range.start.line <= line && d.range.end.line >= line);
  return service.codeActions({ analysis, uri, version: 7, range, diagnostics, only: options.only, cursorCommand: options.cursorCommand, now: new Date('2026-11-28T09:41:00Z') });
}

function apply(text: string, action: CodeAction | undefined): string {
  assert.ok(action, 'no such action');
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'textDocument' in change);
  assert.equal(change.textDocument.version, 7, 'edits carry the version they were computed from');
  return applyEdits(text, editsOf(action.edit, uri));
}

const lineOf = (text: string, needle: string) => text.split(/\r\n|\n/).findIndex((l) => l.includes(needle));
const byTitle = (list: CodeAction[], title: string) => list.find((a) => a.title === title);

describe('choice quick fixes', () => {
  it('offers one action per allowed value and applies it', () => {
    const text = templateText.replace('[Infrastructure/Application/Network/Human Error]', 'Hardware (disk)');
    const list = actions(text, lineOf(text, '**Category**'));
    assert.deepEqual(list.map((a) => a.title), [
      'Set Category to Infrastructure',
      'Set Category to Application',
      'Set Category to Network',
      'Set Category to Human Error',
    ]);
    assert.equal(list[0].diagnostics?.[0].code, 'invalid-choice');
    const fixed = apply(text, list[2]);
    assert.ok(fixed.includes('\n**Category**: Network (disk)\n'));
    assert.deepEqual(service.diagnostics(service.analyze(fixed)).filter((d) => d.code === 'invalid-choice'), []);
  });

  it('fills an unfilled choice placeholder', () => {
    const fixed = apply(templateText, byTitle(actions(templateText, lineOf(templateText, '**Severity**')), 'Set Severity to HIGH'));
    assert.ok(fixed.includes('\n**Severity**: HIGH\n'));
  });
});

describe('timeline rows', () => {
  const row = (text: string) => lineOf(text, '| 00:20 | Root cause identified');

  it('inserts a row above, below and at the end with the column count and a time that keeps the order', () => {
    const list = actions(templateText, row(templateText));
    assert.deepEqual(list.filter((a) => a.title.startsWith('Insert')).map((a) => a.title), [
      'Insert timeline row above',
      'Insert timeline row below',
      'Insert timeline row at the end of the table',
    ]);
    const above = apply(templateText, byTitle(list, 'Insert timeline row above'));
    assert.ok(above.includes('| 00:10 | Investigation began | [Team member] | [Diagnostic steps] |\n| 00:10 |  |  |  |\n| 00:20 | Root cause'));
    const below = apply(templateText, byTitle(list, 'Insert timeline row below'));
    assert.ok(below.includes('| 00:20 | Root cause identified | [Component] | [What was found] |\n| 00:20 |  |  |  |\n| 00:30 |'));
    const end = apply(templateText, byTitle(list, 'Insert timeline row at the end of the table'));
    assert.ok(end.includes('| 01:00 | Service restored | [Component] | [Verification steps] |\n| 01:00 |  |  |  |\n\n## Root Cause'));
    // In order and of the table's shape; its empty cells are the author's to fill.
    for (const t of [above, below, end]) {
      const timeline = service.diagnostics(service.analyze(t)).filter((d) => String(d.code).startsWith('timeline'));
      assert.deepEqual(timeline.map((d) => d.code), ['timeline-empty-cell']);
      assert.match(String(timeline[0].message), /: Event and Action Taken are empty$/);
    }
  });

  it('is offered anywhere in the Timeline section, and moves the cursor when the client can', () => {
    const list = actions(templateText, lineOf(templateText, 'All times in UTC.'), { cursorCommand: 'postmortem.internal.setCursor' });
    const end = byTitle(list, 'Insert timeline row at the end of the table');
    assert.ok(end);
    const last = lineOf(templateText, '| 01:00 | Service restored');
    assert.deepEqual(end.command?.arguments, [{ uri, line: last + 1, character: 10 }]);
    assert.deepEqual(actions(templateText, lineOf(templateText, '### What Caused the Incident?')).filter((a) => a.title.startsWith('Insert')), []);
  });

  it('keeps CRLF line endings', () => {
    const crlf = templateText.replace(/\n/g, '\r\n');
    const fixed = apply(crlf, byTitle(actions(crlf, row(crlf)), 'Insert timeline row below'));
    assert.ok(fixed.includes('[What was found] |\r\n| 00:20 |  |  |  |\r\n| 00:30'));
    assert.ok(!/[^\r]\n/.test(fixed));
  });

  it('pads a row with missing cells', () => {
    const text = templateText.replace('| 00:05 | Alert triggered | [Alerting system] | [Initial response] |', '| 00:05 | Alert triggered | PagerDuty');
    const fixed = apply(text, byTitle(actions(text, lineOf(text, '| 00:05 |')), 'Add the missing cell (1)'));
    assert.ok(fixed.includes('| 00:05 | Alert triggered | PagerDuty |  |\n'));
    assert.deepEqual(service.diagnostics(service.analyze(fixed)).filter((d) => d.code === 'timeline-cell-count'), []);
  });
});

describe('timeline order', () => {
  const text = templateText
    .replace('| 00:05 | Alert triggered |', '| 00:40 | Alert triggered |')
    .replace('| 00:45 | Permanent fix deployed |', '| 00:02 | Permanent fix deployed |');

  it('moves a row to its place', () => {
    const line = lineOf(text, '| 00:02 |');
    const list = actions(text, line);
    const fixed = apply(text, byTitle(list, 'Move row to its place in the timeline'));
    const times = fixed.split('\n').filter((l) => /^\| \d\d:\d\d/.test(l)).map((l) => l.slice(2, 7));
    assert.deepEqual(times, ['00:00', '00:02', '00:40', '00:10', '00:20', '00:30', '01:00']);
  });

  it('sorts the whole timeline, and the sort is a fixed point', () => {
    const list = actions(text, lineOf(text, '| 00:02 |'));
    const sorted = apply(text, byTitle(list, 'Sort the timeline by time'));
    const times = sorted.split('\n').filter((l) => /^\| \d\d:\d\d/.test(l)).map((l) => l.slice(2, 7));
    assert.deepEqual(times, ['00:00', '00:02', '00:10', '00:20', '00:30', '00:40', '01:00']);
    assert.deepEqual(service.diagnostics(service.analyze(sorted)).filter((d) => d.code === 'timeline-out-of-order'), []);
    assert.deepEqual(actions(sorted, 0, { only: ['source.fixAll'] }), []);
  });

  it('is the source.fixAll action, offered only when asked for', () => {
    const fixAll = actions(text, 0, { only: ['source.fixAll'] });
    assert.deepEqual(fixAll.map((a) => [a.title, a.kind]), [['Sort the timeline by time', 'source.fixAll.postmortem']]);
    assert.deepEqual(actions(text, 0).filter((a) => a.kind?.startsWith('source')), []);
  });
});

describe('missing sections', () => {
  it('inserts the section from the template where the template has it', () => {
    const text = templateText.replace(/## Lessons Learned[\s\S]*?(?=## Action Items)/, '').replace('# Incident Post-Mortem Template', '# Post-Mortem: Payments outage');
    const list = actions(text, 0);
    const fixed = apply(text, byTitle(list, "Insert section 'Lessons Learned' from the template"));
    assert.ok(fixed.includes('[Time to full functionality]\n\n## Lessons Learned\n\n### What Went Well\n'));
    assert.ok(fixed.includes('[Root cause, long-term fix]\n\n## Action Items'));
    assert.deepEqual(service.diagnostics(service.analyze(fixed)).filter((d) => d.code === 'missing-section'), []);
  });

  it('inserts a missing subsection under its parent', () => {
    const text = templateText.replace('### What Happened?\n[Brief description of the incident from user perspective]\n\n', '');
    const fixed = apply(text, byTitle(actions(text, 0), "Insert section 'What Happened?' from the template"));
    assert.ok(fixed.includes('**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]\n\n### What Happened?\n[Brief description of the incident from user perspective]\n\n### Impact Assessment'));
  });
});

describe('edge cases found by the property tests', () => {
  it('inserts a missing section before a fence left open at the end, not inside it', () => {
    const text = templateText.replace(/## Lessons Learned[\s\S]*$/, '') + '```\nstill typing';
    const action = actions(text, 0).find((a) => a.title.startsWith("Insert section 'Lessons Learned'"));
    const fixed = apply(text, action);
    assert.ok(fixed.includes('[Time to full functionality]\n\n## Lessons Learned\n'), 'before the open block');
    assert.ok(fixed.endsWith('[Root cause, long-term fix]\n\n```\nstill typing'));
    assert.ok(!service.diagnostics(service.analyze(fixed)).some((d) => String(d.message).includes("'Lessons Learned' is missing")));
  });

  it('inserts after a non-blank line with a blank line on each side, keeping that line break', () => {
    const text = templateText.replace('\n\n## Lessons Learned', '\r## Notes');
    const fixed = apply(text, actions(text, 0).find((a) => a.title.startsWith("Insert section 'Lessons Learned'")));
    assert.ok(fixed.includes('[Time to full functionality]\r\r## Lessons Learned\r\r### What Went Well\r1. [Positive aspect]'));
    assert.ok(fixed.includes('[Root cause, long-term fix]\r\r## Notes\n'));
  });

  it('replaces a wrong choice inside its emphasis', () => {
    const text = templateText.replace('[CRITICAL/HIGH/MEDIUM/LOW]', '**SEVERE** (paged)');
    const fixed = apply(text, byTitle(actions(text, lineOf(text, '**Severity**')), 'Set Severity to HIGH'));
    assert.ok(fixed.includes('\n**Severity**: **HIGH** (paged)\n'));
  });

  it("writes the template's value for an alias, keeping what is around it", () => {
    for (const [written, fixedLine] of [
      ['**SEV1** (paged)', '**CRITICAL** (paged)'],
      ['🟠 sev-2, downgraded later', '🟠 HIGH, downgraded later'],
      ['P3', 'MEDIUM'],
    ]) {
      const text = templateText.replace('[CRITICAL/HIGH/MEDIUM/LOW]', written);
      const list = actions(text, lineOf(text, '**Severity**'));
      assert.deepEqual(list.filter((a) => a.title.startsWith('Set Severity')), [], 'an alias is no wrong value');
      const fixed = apply(text, list.find((a) => a.title.startsWith('Write ')));
      assert.ok(fixed.includes(`\n**Severity**: ${fixedLine}\n`), fixedLine);
      assert.deepEqual(service.diagnostics(service.analyze(fixed)).filter((d) => d.range.start.line === lineOf(text, '**Severity**')), []);
    }
  });

  it('pads a row that is a lone pipe', () => {
    const text = templateText.replace('| 00:05 | Alert triggered | [Alerting system] | [Initial response] |', '|');
    const fixed = apply(text, byTitle(actions(text, lineOf(text, '| 00:00 |') + 1), 'Add the missing cells (3)'));
    assert.ok(fixed.includes('\n|  |  |  |  |\n'));
    assert.deepEqual(service.diagnostics(service.analyze(fixed)).filter((d) => d.code === 'timeline-cell-count'), []);
  });

  it('pads a row to exactly the cells the reader counts, around comments and code spans', () => {
    const cases: [string, string][] = [
      ['| <!-- |', '| <!-- |  |  |  |'],
      ['| 00:05 <!-- check', '| 00:05 |  |  |  | <!-- check'],
      ['| 00:05 | Alert | <!-- who? -->', '| 00:05 | Alert |  |  | <!-- who? -->'],
      ['| <!-- tbd', '|  |  |  |  | <!-- tbd'],
      ['| 00:05 | `grep a | b`', '| 00:05 | `grep a | b` |  |'],
      ['| 00:05 | Alert `kubectl`', '| 00:05 | Alert `kubectl` |  |  |'],
    ];
    for (const [row, padded] of cases) {
      const text = templateText.replace('| 00:05 | Alert triggered | [Alerting system] | [Initial response] |', row);
      const offered = actions(text, lineOf(text, '| 00:00 |') + 1).find((a) => a.title.startsWith('Add the missing cell'));
      assert.ok(offered, row);
      const fixed = apply(text, offered);
      assert.ok(fixed.includes(`\n${padded}\n`), `${row} → ${fixed.split('\n')[lineOf(text, '| 00:00 |') + 1]}`);
      assert.deepEqual(service.diagnostics(service.analyze(fixed)).filter((d) => d.code === 'timeline-cell-count').map((d) => d.message), [], row);
    }
  });

  it('offers no sort that would leave a timeline mixing dates and times of day out of order', () => {
    const rows = ['| 2026-11-21 10:00 | Incident start | a | b |', '| 09:00 | Alert triggered | a | b |', '| 2026-11-20 23:00 | Investigation began | a | b |'];
    const text = templateText.replace(/\| 00:00 \| Incident start[\s\S]*?\[Verification steps\] \|/, rows.join('\n'));
    const offered = actions(text, lineOf(text, '| 09:00 |'));
    for (const action of offered.filter((a) => a.title === 'Sort the timeline by time' || a.title.startsWith('Move row'))) {
      const fixed = apply(text, action);
      const before = service.diagnostics(service.analyze(text)).filter((d) => d.code === 'timeline-out-of-order').length;
      const after = service.diagnostics(service.analyze(fixed)).filter((d) => d.code === 'timeline-out-of-order').length;
      assert.ok(after < before, `${action.title} leaves ${after} of ${before} rows out of order`);
    }
  });
});
