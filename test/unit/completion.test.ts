import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, service, templateText, withCursor } from '../support/service';

function complete(marked: string, now = new Date('2026-11-28T09:41:00Z')) {
  const { text, position } = withCursor(marked);
  const list = service.completions(service.analyze(text), position, now);
  return { text, position, items: list?.items ?? [] };
}

function accept(marked: string, label: string): string {
  const { text, items } = complete(marked);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} in ${items.map((i) => i.label).join(', ')}`);
  const edit = item.textEdit as { range: never; newText: string };
  return applyEdits(text, [edit]);
}

const severityLine = (line: string) => templateText.replace('**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]', line);

describe('choice completion', () => {
  it('offers the allowed values with their meaning inside the placeholder', () => {
    const { items } = complete(severityLine('**Severity**: [CRIT$|ICAL/HIGH/MEDIUM/LOW]'));
    assert.deepEqual(items.map((i) => i.label), ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
    assert.match(JSON.stringify(items[1].documentation), /urgent response/);
  });

  it('replaces the whole placeholder and leaves a clean line', () => {
    for (const marked of ['**Severity**: [$|CRITICAL/HIGH/MEDIUM/LOW]', '**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]$|', '**Sev$|erity**: [CRITICAL/HIGH/MEDIUM/LOW]']) {
      const result = accept(severityLine(marked), 'HIGH');
      assert.ok(result.includes('\n**Severity**: HIGH\n'), marked);
    }
  });

  it('completes an empty value and replaces a wrong one, keeping the note', () => {
    assert.ok(accept(severityLine('**Severity**:$|'), 'LOW').includes('\n**Severity**: LOW\n'));
    assert.ok(accept(severityLine('**Severity**: SEV$|1 (paged)'), 'MEDIUM').includes('\n**Severity**: MEDIUM (paged)\n'));
  });

  it('knows each field by its section', () => {
    const { items } = complete(templateText.replace('- **Before Fixes**: [HIGH/MEDIUM/LOW]', '- **Before Fixes**: [$|HIGH/MEDIUM/LOW]'));
    assert.deepEqual(items.map((i) => i.label), ['HIGH', 'MEDIUM', 'LOW']);
    const free = complete(templateText.replace('- **Detection Method**: [How was incident detected?]', '- **Detection Method**: [How$| was incident detected?]'));
    assert.deepEqual(free.items, []);
  });

  it('offers nothing outside fields and tables', () => {
    assert.deepEqual(complete(templateText.replace('### What Happened?', '### What $|Happened?')).items, []);
  });
});

describe('timeline completion', () => {
  const rows = (text: string) =>
    templateText.replace('| 00:05 | Alert triggered | [Alerting system] | [Initial response] |', text);

  it('offers the milestones in the Event column', () => {
    const { items } = complete(rows('| 00:05 | $| | PagerDuty | paged |'));
    assert.deepEqual(items.slice(0, 3).map((i) => i.label), ['Incident start', 'Alert triggered', 'Investigation began']);
    const result = accept(rows('| 00:05 | $| | PagerDuty | paged |'), 'Alert triggered');
    assert.ok(result.includes('| 00:05 | Alert triggered | PagerDuty | paged |'));
  });

  it('offers the components already used in the Component column', () => {
    const text = templateText
      .replace('| 00:00 | Incident start | [Component] |', '| 00:00 | Incident start | orders-db |')
      .replace('| 00:20 | Root cause identified | [Component] |', '| 00:20 | Root cause identified | orders-db |')
      .replace('| 01:00 | Service restored | [Component] |', '| 01:00 | Service restored | api-gw |')
      .replace('| 00:05 | Alert triggered | [Alerting system] |', '| 00:05 | Alert triggered | o$| |');
    const { items } = complete(text);
    assert.deepEqual(items.map((i) => i.label), ['orders-db', 'api-gw']);
  });

  it('offers now and five minutes after the row above in the Time column, in its format', () => {
    const { items } = complete(rows('| $| | Alert triggered | PagerDuty | paged |'));
    assert.deepEqual(items.map((i) => i.label), ['09:41', '00:05']);
    const iso = templateText
      .replace('| 00:00 | Incident start |', '| 2026-11-20T23:58:00Z | Incident start |')
      .replace('| 00:05 | Alert triggered |', '| 2026-$| | Alert triggered |');
    assert.deepEqual(complete(iso).items.map((i) => i.label), ['2026-11-28T09:41:00Z', '2026-11-21T00:03:00Z']);
  });

  it('writes times in the zone the table states: now in a "Time (CET)" table is CET, not UTC', () => {
    const cet = templateText.replace('| Time | Event |', '| Time (CET) | Event |').replace('| 00:05 | Alert triggered |', '| $| | Alert triggered |');
    assert.deepEqual(complete(cet).items.map((i) => `${i.label} (${i.detail})`), ['10:41 (Now (UTC+01:00))', '00:05 (5 minutes after the row above)']);
  });
});

describe('value completion: Date/Time and Duration from what the document knows', () => {
  const timeline =
    '| Time | Event | Component | Action Taken |\n|---|---|---|---|\n| 14:02 | Incident start | api | paged |\n| 14:10 | Alert triggered | pd | acked |\n| 15:31 | Service restored | api | verified |\n';
  const written = templateText.replace(/\| Time \| Event[\s\S]*?\[Verification steps\] \|\n/, timeline);
  const dateTime = (value: string, text = written) => text.replace('**Date/Time**: [START TIME] - [END TIME]', `**Date/Time**: ${value}`);
  const duration = (value: string, text: string) => text.replace('**Duration**: [TOTAL DURATION]', `**Duration**: ${value}`);
  const labels = (marked: string) => complete(marked).items.map((i) => `${i.label} (${i.detail})`);

  it('offers now and the timeline\'s Incident start (else first) time for the start, its Service restored (else last) for the end', () => {
    assert.deepEqual(labels(dateTime('[START$| TIME] - [END TIME]')), ['2026-11-28 09:41 UTC (Now (UTC))', "14:02 (The timeline's Incident start row)"]);
    // A date already written before the placeholder: only the time.
    assert.deepEqual(labels(dateTime('2026-11-27 [START$| TIME] - [END TIME]')), ['09:41 UTC (Now (UTC))', "14:02 (The timeline's Incident start row)"]);
    assert.deepEqual(labels(dateTime('2026-11-27 14:02 - [END$| TIME]')), ['09:41 UTC (Now (UTC))', "15:31 (The timeline's Service restored row)"]);
    // A lead-up row (the deploy) and a follow-up: the milestones first, then the first and last rows.
    const longer = written.replace('| 14:02 | Incident start', '| 13:40 | Deploy 4512 | api | canary |\n| 14:02 | Incident start').replace('| 15:31 | Service restored | api | verified |', '| 15:31 | Service restored | api | verified |\n| 16:05 | Review booked | team | invite |');
    assert.deepEqual(labels(dateTime('2026-11-27 [START$| TIME] - [END TIME]', longer)), ['09:41 UTC (Now (UTC))', "14:02 (The timeline's Incident start row)", "13:40 (The timeline's first time)"]);
    assert.deepEqual(labels(dateTime('2026-11-27 14:02 - [END$| TIME]', longer)), ['09:41 UTC (Now (UTC))', "15:31 (The timeline's Service restored row)", "16:05 (The timeline's last time)"]);
    const filled = accept(dateTime('2026-11-27 14:02 - [END$| TIME]'), '15:31');
    assert.ok(filled.includes('\n**Date/Time**: 2026-11-27 14:02 - 15:31\n'));
  });

  it('offers the duration from Date/Time, and from the timeline\'s first to its last row', () => {
    const both = duration('$|', dateTime('2026-11-27 23:40 - 2026-11-28 01:10 UTC'));
    assert.deepEqual(labels(both), ['1h 30m (From Date/Time)', "1h 29m (From the timeline's first to its last row)"]);
    assert.ok(accept(both, '1h 30m').includes('\n**Duration**: 1h 30m\n'));
    // Across midnight without an end date: the end is on the next day.
    assert.deepEqual(labels(duration('[TOTAL$| DURATION]', dateTime('2026-11-27 23:40 - 01:10 UTC', templateText))), ['1h 30m (From Date/Time)']);
    // The same duration both ways is offered once.
    assert.deepEqual(labels(duration('[TOTAL$| DURATION]', dateTime('2026-11-27 14:02 - 15:31 UTC'))), ['1h 29m (From Date/Time)']);
  });

  it("offers nothing from the template's own example rows, nor once a value is written", () => {
    assert.deepEqual(labels(duration('[TOTAL$| DURATION]', templateText)), []);
    assert.deepEqual(labels(dateTime('[START$| TIME] - [END TIME]', templateText)), ['2026-11-28 09:41 UTC (Now (UTC))']);
    assert.deepEqual(labels(duration('1h 1$|0m', dateTime('2026-11-27 14:02 - 15:31 UTC'))), []);
  });
});
