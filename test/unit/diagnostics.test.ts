import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { service, templateText, templateWith } from '../support/service';

const diagnose = (text: string, levels?: Record<string, 'off' | 'hint' | 'information' | 'warning' | 'error'>) =>
  service.diagnostics(service.analyze(text), { levels, docsBaseUri: 'file:///docs/rules/' });
const onLine = (diagnostics: Diagnostic[], text: string, needle: string) => {
  const line = text.split(/\r\n|\r|\n/).findIndex((l) => l.includes(needle));
  assert.notEqual(line, -1, `no line with ${needle}`);
  return diagnostics.filter((d) => d.range.start.line === line);
};

describe('unfilled placeholders', () => {
  it('names the field and lists the choices', () => {
    const d = onLine(diagnose(templateText), templateText, '**Severity**');
    assert.equal(d.length, 1);
    assert.equal(d[0].message, 'Severity is not filled in: choose CRITICAL, HIGH, MEDIUM or LOW');
    assert.equal(d[0].code, 'unfilled-placeholder');
    assert.equal(d[0].source, 'postmortem');
    assert.equal(d[0].severity, 2);
    assert.deepEqual(d[0].codeDescription, { href: 'file:///docs/rules/unfilled-placeholder.md' });
    assert.deepEqual(d[0].range, { start: { line: 7, character: 14 }, end: { line: 7, character: 40 } });
  });

  it('reports every placeholder kind the template has', () => {
    const all = diagnose(templateText);
    const messages = all.map((d) => d.message);
    for (const expected of [
      'Date/Time is not filled in: start time',
      'Timeline: 7 example rows of the template are not filled in: fill them in or delete them',
      'Contributing Factors: 3 example items of the template are not filled in: fill them in or delete them',
      'Immediate (Next 24 hours): 3 example items of the template are not filled in (action item, owner, due date): fill them in or delete them',
      'Current Risk Level is not filled in: 1-10 scale',
      'Review Date is not filled in: date, 1 week after incident',
      'Incident Commander is not filled in: a name',
      'Incident Commander date is not filled in: a date',
      'Logs Extract is not filled in: paste relevant log entries here',
      'Event 1 is not filled in: timestamp',
    ]) {
      assert.ok(messages.includes(expected), `missing: ${expected}`);
    }
    assert.ok(all.every((d) => d.code === 'unfilled-placeholder'), 'the template has only unfilled fields');
    // 180 bracket placeholders and 6 blanks in the template (counted independently with a
    // regex), of which 111 are in its 22 example lists and tables, reported once each.
    assert.equal(all.length, 186 - 111 + 22);
    const blocks = all.filter((d) => / example (items|rows) of the template/.test(String(d.message)));
    assert.equal(blocks.length, 22);
    // Each spans its list or table, and no other finding is inside one.
    for (const block of blocks) {
      assert.ok(block.range.end.line > block.range.start.line, String(block.message));
      const inside = all.filter((d) => d !== block && d.range.start.line >= block.range.start.line && d.range.start.line <= block.range.end.line);
      assert.deepEqual(inside.map((d) => d.message), [], String(block.message));
    }
  });

  it('reports an untouched example list once, and each untouched example on its own once the list is edited', () => {
    const action = '- [ ] [Action item] - [Owner] - [Due date]';
    const immediate = (text: string) => {
      const lines = text.split('\n');
      const from = lines.findIndex((l) => l.startsWith('### Immediate (Next'));
      return diagnose(text).filter((d) => d.range.start.line > from && d.range.start.line < from + 5);
    };
    const untouched = immediate(templateText);
    assert.equal(untouched.length, 1);
    assert.deepEqual(untouched[0].range, {
      start: { line: untouched[0].range.start.line, character: 6 },
      end: { line: untouched[0].range.start.line + 2, character: action.length },
    });
    // The author writes the first item: the two left are each an example still to fill in.
    const edited = templateText.replace(action, '- [ ] Page on replication lag over 30 s - @mira - 2026-12-04');
    assert.deepEqual(immediate(edited).map((d) => d.message), [
      "Immediate (Next 24 hours) item 2 is still the template's example (action item, owner, due date): fill it in or delete it",
      "Immediate (Next 24 hours) item 3 is still the template's example (action item, owner, due date): fill it in or delete it",
    ]);
    // Under a section the author named otherwise, the list is still the template's, reported once.
    const moved = templateText.replace('## Action Items', '## Follow-up');
    assert.notEqual(moved, templateText);
    assert.equal(immediate(moved).length, 1);
    // Half-filled, an item is the author's: each placeholder left is reported.
    const half = templateText.replace(action, '- [ ] Page on replication lag over 30 s - [Owner] - [Due date]');
    assert.deepEqual(immediate(half).map((d) => d.message).sort(), [
      'Immediate (Next 24 hours) item 1 is not filled in: due date',
      'Immediate (Next 24 hours) item 1 is not filled in: owner',
      "Immediate (Next 24 hours) item 2 is still the template's example (action item, owner, due date): fill it in or delete it",
      "Immediate (Next 24 hours) item 3 is still the template's example (action item, owner, due date): fill it in or delete it",
    ]);
    // A timeline with one row written: each example row left is reported once, with its time.
    const row = templateText.split('\n').find((l) => l.startsWith('| 00:05 |'))!;
    const timeline = diagnose(templateText.replace(row, '| 00:05 | Alert triggered | Grafana | Paged the on-call |'));
    const rows = timeline.filter((d) => String(d.message).includes('(Timeline row'));
    assert.equal(rows.length, 6);
    assert.ok(rows.some((d) => d.message === "Component (Timeline row 1) is still the template's example (component, detection method): fill it in or delete it"));
  });

  it("does not take the author's own brackets for placeholders", () => {
    const text = templateWith({
      '[Brief description of the incident from user perspective]':
        'See [the runbook](https://x/r) and ![graph](g.png) and [^1] and [PR 12][pr12], `[Component]`, <!-- [Component] --> [ERROR] [2026-11-20T14:32:01Z] snake___case',
      '[Paste relevant log entries here]': '[ERROR] db: [Component] refused\n[2026-11-20T14:32:01Z] ____ ok',
    });
    const what = onLine(diagnose(text), text, 'See [the runbook]');
    assert.deepEqual(what, []);
    // Inside code, a template placeholder counts ([Component]) but blanks and log lines do not.
    const log = onLine(diagnose(text), text, '[ERROR] db:');
    assert.deepEqual(log.map((d) => d.message), ['Logs Extract is not filled in: component']);
    assert.deepEqual(onLine(diagnose(text), text, '[2026-11-20T14:32:01Z] ____ ok'), []);
  });

  it('counts a placeholder with another number as the template one', () => {
    const text = templateWith({ '3. [Factor 3] - [Explanation]': '3. [Factor 3] - [Explanation]\n4. [Factor 4] - known' });
    assert.deepEqual(onLine(diagnose(text), text, '[Factor 4]').map((d) => d.message), [
      'Contributing Factors item 4 is not filled in: factor 4',
    ]);
  });

  it('reports a described field left with no value', () => {
    const text = templateWith({ '**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]': '**Severity**:' });
    assert.deepEqual(onLine(diagnose(text), text, '**Severity**').map((d) => d.message), [
      'Severity is not filled in: choose CRITICAL, HIGH, MEDIUM or LOW',
    ]);
  });
});

describe('choices and values', () => {
  it('reports a value outside the list, as an error', () => {
    const text = templateWith({ '[Infrastructure/Application/Network/Human Error]': 'Hardware' });
    const d = onLine(diagnose(text), text, '**Category**');
    assert.equal(d.length, 1);
    assert.equal(d[0].message, "Category 'Hardware' is not one of Infrastructure, Application, Network or Human Error");
    assert.equal(d[0].code, 'invalid-choice');
    assert.equal(d[0].severity, 1);
  });

  it('accepts any case and a note after the value', () => {
    const text = templateWith({
      '[CRITICAL/HIGH/MEDIUM/LOW]': 'High (trading halted for 40 minutes)',
      '[Infrastructure/Application/Network/Human Error]': 'Human Error - config push',
    });
    assert.deepEqual(onLine(diagnose(text), text, '**Severity**'), []);
    assert.deepEqual(onLine(diagnose(text), text, '**Category**'), []);
  });

  it('tells the two Detection Method fields apart by section', () => {
    const text = templateWith({ '[How was incident detected?]': 'Pager', '[Alert/Monitoring/User Report/Automated Test]': 'Pager' });
    const all = diagnose(text).filter((d) => d.code === 'invalid-choice');
    assert.equal(all.length, 1);
    assert.match(String(all[0].message), /^Detection Method 'Pager' is not one of Alert, Monitoring/);
  });

  it('checks numbers, ranges and percentages', () => {
    const text = templateWith({
      'Current Risk Level: [1-10 scale]': 'Current Risk Level: 14',
      'Target Risk Level: [1-10 scale]': 'Target Risk Level: 3/10',
      'CPU Usage: [Percentage]': 'CPU Usage: 140%',
      'Memory Usage: [Percentage]': 'Memory Usage: 97%',
      '**Circuit Breaker Trips**: [Number]': '**Circuit Breaker Trips**: many',
      '**False Positive Alerts**: [Number]': '**False Positive Alerts**: 1,204',
      'Active Orders: [Count]': 'Active Orders: n/a',
    });
    const invalid = diagnose(text).filter((d) => d.code === 'invalid-value').map((d) => d.message);
    assert.deepEqual(invalid, [
      "Circuit Breaker Trips 'many' is not a number: expected a whole number of at least 0",
      "CPU Usage '140%' is out of range: expected a percentage from 0% to 100%",
      "Current Risk Level '14' is out of range: expected a number from 1 to 10",
    ]);
  });
});

describe('sections', () => {
  it('reports a missing required section on the first line, and not its subsections', () => {
    const text = templateText.replace(/## Incident Summary[\s\S]*?(?=## Timeline)/, '');
    const missing = diagnose(text).filter((d) => d.code === 'missing-section');
    assert.deepEqual(missing.map((d) => [d.range.start.line, d.message]), [[0, "Section 'Incident Summary' is missing"]]);
  });

  it('reports a required section that is present but empty', () => {
    const text = templateWith({ '[Brief description of the incident from user perspective]\n': '<!-- todo -->\n\n' });
    const empty = diagnose(text).filter((d) => d.code === 'empty-section');
    assert.deepEqual(empty.map((d) => d.message), ["Section 'What Happened?' is empty"]);
  });

  it('finds sections whatever their case, emoji or level', () => {
    const text = templateText.replace('## Lessons Learned', '# 📚 lessons learned!');
    assert.deepEqual(diagnose(text).filter((d) => d.code === 'missing-section'), []);
  });
});

describe('timeline', () => {
  const timeline = (rows: string) =>
    templateText.replace(/\| 00:00 \| Incident start[\s\S]*?\| 01:00 \| Service restored \| \[Component\] \| \[Verification steps\] \|/, rows);

  it('reports wrong cell counts, bad times and rows out of order', () => {
    const text = timeline(
      ['| 10:00 | Incident start | db | paged |', '| 10:05 | Alert triggered | db |', '| 25:99 | Investigation began | db | x |', '| 09:30 | Root cause identified | db | found |'].join('\n'),
    );
    const d = diagnose(text).filter((x) => String(x.code).startsWith('timeline') && x.code !== 'timeline-milestone-missing');
    assert.deepEqual(
      d.map((x) => [x.code, x.message]),
      [
        ['timeline-cell-count', 'Timeline row 2 has 3 cells; the table has 4 columns (Time, Event, Component, Action Taken)'],
        ['timeline-invalid-time', 'Timeline row 3: 25:99 is not a time of day: hours run from 0 to 23'],
        ['timeline-out-of-order', 'Timeline row 4 (09:30) is earlier than row 2 (10:05) above it'],
      ],
    );
  });

  it('reads an incident across midnight, ISO times and offsets in order', () => {
    const text = timeline(
      [
        '| 23:50 | Incident start | db | paged |',
        '| 00:10 | Alert triggered | db | ack |',
        '| 2026-11-21T00:20:00Z | Investigation began | db | x |',
        '| 2026-11-21T02:30+02:00 | Root cause identified | db | found |',
        '| 2026-11-21 00:45 | Service restored | db | ok |',
      ].join('\n'),
    );
    assert.deepEqual(diagnose(text).filter((x) => String(x.code).startsWith('timeline') && x.code !== 'timeline-milestone-missing'), []);
  });
});

describe('settings', () => {
  it('switches a rule off or changes its level', () => {
    const off = diagnose(templateText, { 'unfilled-placeholder': 'off' });
    assert.deepEqual(off, []);
    const info = diagnose(templateText, { 'unfilled-placeholder': 'information' });
    assert.ok(info.length > 0 && info.every((d) => d.severity === 3));
  });
});

describe('text encodings', () => {
  it('gives UTF-16 positions after emoji and astral characters, with CRLF and a BOM', () => {
    const text = '\uFEFF' + templateWith({ '**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]': '**Severity** 🔥𝔸: [CRITICAL/HIGH/MEDIUM/LOW]' }).replace(/\n/g, '\r\n');
    const lines = text.split('\r\n');
    const line = lines.findIndex((l) => l.includes('🔥'));
    const d = diagnose(text).filter((x) => x.range.start.line === line);
    assert.equal(d.length, 1);
    const start = lines[line].indexOf('[');
    assert.deepEqual(d[0].range, { start: { line, character: start }, end: { line, character: start + 26 } });
    assert.equal(lines[line].slice(d[0].range.start.character, d[0].range.end.character), '[CRITICAL/HIGH/MEDIUM/LOW]');
  });

  it('handles tabs and a lone CR line ending', () => {
    const text = templateText.replace('**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]', '**Severity**:\t\tLOW').replace(/\n/g, '\r');
    const analysis = service.analyze(text);
    assert.equal(analysis.doc.text.eol, '\r');
    assert.equal(service.diagnostics(analysis).filter((d) => String(d.message).startsWith('Severity')).length, 0);
  });
});
