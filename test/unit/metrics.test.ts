/**
 * The incident's numbers: the clock across midnight, days and zones; milestones in the
 * template's words, aliases and word forms; the metrics and their levels; filling them in;
 * the inlay hints, the lens and the hover; and a team's own schema with its own milestones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-types';
import { createPostmortemService } from '../../server/src/service';
import { durationFigures, figureAgrees, writeDuration } from '../../server/src/service/values/duration';
import { milestoneOfText } from '../../server/src/service/metrics/milestones';
import { applyEdits, service } from '../support/service';

/** A post-mortem with a Date/Time, a timeline and the Response Analysis fields. */
function postmortem(opts: { dateTime?: string; duration?: string; rows: string[]; fields?: Record<string, string>; intro?: string; eol?: string }): string {
  const fields = {
    'Time to Detection': '[How long from incident start to alert?]',
    'Time to Investigation': '[From alert to investigation start]',
    'Time to Diagnosis': '[From investigation to root cause]',
    'Time to Mitigation': '[From diagnosis to temporary fix]',
    'Time to Resolution': '[From mitigation to permanent fix]',
    ...opts.fields,
  };
  const lines = [
    '# Post-Mortem: Checkout latency',
    '',
    '## Incident Summary',
    '',
    '**Incident ID**: INC-20260311-01',
    `**Date/Time**: ${opts.dateTime ?? '[START TIME] - [END TIME]'}`,
    `**Duration**: ${opts.duration ?? '[TOTAL DURATION]'}`,
    '**Severity**: HIGH',
    '',
    '## Timeline',
    '',
    opts.intro ?? 'All times in UTC.',
    '',
    '| Time | Event | Component | Action Taken |',
    '|------|-------|-----------|--------------|',
    ...opts.rows.map((r) => `| ${r} |`),
    '',
    '## Response Analysis',
    '',
    '### Detection & Alerting',
    '- **Detection Method**: Alert',
    `- **Time to Detection**: ${fields['Time to Detection']}`,
    '',
    '### Response Time',
    ...['Time to Investigation', 'Time to Diagnosis', 'Time to Mitigation', 'Time to Resolution'].map((k) => `- **${k}**: ${fields[k as keyof typeof fields]}`),
    '',
  ];
  return lines.join(opts.eol ?? '\n');
}

const row = (time: string, event: string) => `${time} | ${event} | api | done`;
const values = (text: string, s = service) => Object.fromEntries(s.analyze(text).metrics.values.map((v) => [v.spec.name, v.seconds / 60]));
const metricDiagnostics = (text: string, s = service) =>
  s.diagnostics(s.analyze(text)).filter((d) => ['metric-mismatch', 'milestone-order', 'timeline-milestone-missing'].includes(String(d.code)));

const standard = [
  row('22:31', 'Deploy 4512 rolled out'),
  row('22:40', 'Incident start'),
  row('22:52', 'Alert triggered'),
  row('22:58', 'Investigation began'),
  row('23:40', 'Root cause identified'),
  row('23:55', 'Mitigation implemented'),
  row('00:30', 'Permanent fix deployed'),
  row('01:10', 'Service restored'),
];

describe('metrics: the incident clock', () => {
  it('measures across midnight, from the milestone rows, leaving the lead-up out', () => {
    const text = postmortem({ dateTime: '2026-03-11 22:40 - 2026-03-12 01:10 UTC', rows: standard });
    assert.deepEqual(values(text), { Duration: 150, detection: 12, investigation: 6, diagnosis: 42, mitigation: 15, resolution: 35 });
  });

  it('reads times only, crossing midnight when the end is earlier than the start', () => {
    assert.equal(values(postmortem({ dateTime: '22:40 - 01:10', rows: standard })).Duration, 150);
  });

  it('without Date/Time, runs from Incident start to Service restored', () => {
    assert.equal(values(postmortem({ rows: standard })).Duration, 150);
  });

  it('spans several days with dates on the rows, and offsets in each row', () => {
    const rows = [
      row('2026-03-09T23:50:00+01:00', 'Incident start'),
      row('2026-03-10T00:20:00+01:00', 'Alert fired (PagerDuty)'),
      row('2026-03-10T01:00:00+01:00', 'Investigation began'),
      row('2026-03-11T09:30:00+01:00', 'Root cause identified'),
      row('2026-03-11T10:00:00+01:00', 'Rolled back'),
      row('2026-03-11T16:00:00+01:00', 'Permanent fix deployed'),
      row('2026-03-11T16:30:00+01:00', 'Service restored'),
    ];
    const v = values(postmortem({ rows }));
    assert.equal(v.Duration, 40 * 60 + 40);
    assert.equal(v.detection, 30);
    assert.equal(v.diagnosis, 32 * 60 + 30);
    assert.equal(v.resolution, 6 * 60);
  });

  it('follows "### Day 2" tables and a stated zone', () => {
    const text = [
      '# Post-Mortem: Two nights',
      '',
      '## Incident Summary',
      '',
      '**Date/Time**: 2026-06-10 22:40 - 2026-06-11 03:10 (JST)',
      '**Duration**: [TOTAL DURATION]',
      '',
      '## Timeline',
      '',
      '### Day 1 (Jun 10)',
      '',
      '| Time (JST) | Event | Action Taken |',
      '|---|---|---|',
      '| 22:40 | Incident start | - |',
      '| 23:05 | Paged the on-call | ack |',
      '',
      '### Day 2 (Jun 11)',
      '',
      '| Time (JST) | Event | Action Taken |',
      '|---|---|---|',
      '| 02:10 | Mitigated by failover | - |',
      '| 03:10 | Service restored | - |',
      '',
    ].join('\n');
    const analysis = service.analyze(text);
    const byName = Object.fromEntries(analysis.metrics.values.map((v) => [v.spec.name, v.seconds / 60]));
    assert.equal(byName.Duration, 270);
    assert.equal(analysis.metrics.milestones.get('Mitigation implemented')?.key! - analysis.metrics.milestones.get('Incident start')?.key!, 210 * 60);
  });

  it('reads the timeline\'s dates in the order its section states, with no hint on each row', () => {
    for (const [note, header, dates] of [
      ['All times ET. Dates are month/day.', '| Date | Time | Event | Component | Action Taken |', ['03/09/2026', '03/10/2026']],
      ['All times in UTC.', '| Date (DD/MM/YYYY) | Time | Event | Component | Action Taken |', ['09/03/2026', '10/03/2026']],
    ] as const) {
      const text = postmortem({ dateTime: 'March 9, 2026 11:42 a.m. ET', intro: note, rows: [] }).replace(
        '| Time | Event | Component | Action Taken |\n|------|-------|-----------|--------------|',
        [header, '|---|---|---|---|---|', `| ${dates[0]} | 11:42 a.m. | Incident start | api | - |`, `| ${dates[0]} | 11:58 a.m. | Alert triggered | pd | paged |`, `| ${dates[1]} | 10:15 a.m. | Permanent fix deployed | api | shipped |`, `| ${dates[1]} | 2:30 p.m. | Service restored | api | verified |`].join('\n'),
      );
      const analysis = service.analyze(text);
      assert.equal(analysis.timeline?.dateOrder, dates[0].startsWith('03') ? 'mdy' : 'dmy');
      const codes = service.diagnostics(analysis).map((d) => d.code);
      assert.ok(!codes.includes('ambiguous-date') && !codes.includes('timeline-out-of-order'), codes.join(', '));
      assert.equal(values(text).detection, 16);
      assert.equal(analysis.metrics.end?.key! - analysis.metrics.start?.key!, 26 * 3600 + 48 * 60);
    }
  });

  it('measures relative times from the incident start', () => {
    const rows = [row('T+0', 'Incident start'), row('T+7m', 'Alert triggered'), row('T+1h 2m', 'Service restored')];
    const v = values(postmortem({ dateTime: '2026-03-11 14:00 UTC', rows }));
    assert.equal(v.detection, 7);
    assert.equal(v.Duration, 62);
  });

  it('ignores the template example rows', () => {
    const template = postmortem({ rows: [row('00:00', 'Incident start'), row('00:05', 'Alert triggered')].map((r) => r.replace('api | done', '[Component] | [Detection method]')) });
    assert.deepEqual(service.analyze(template).metrics.values, []);
  });
});

describe('metrics: milestones in the words people use', () => {
  const milestones = service.template.schema.timeline!.milestones;
  const name = (text: string) => milestoneOfText(milestones, text)?.milestone.value;
  it('finds values, aliases, word forms, emoji and extra words', () => {
    assert.equal(name('Alert triggered'), 'Alert triggered');
    assert.equal(name('🚨 **Alert fired**: consumer lag > 50k'), 'Alert triggered');
    assert.equal(name('`CheckoutErrors` alert fires'), 'Alert triggered');
    assert.equal(name('Paged the on-call (Marcus)'), 'Alert triggered');
    assert.equal(name('On-call acknowledges the page'), 'Investigation began');
    assert.equal(name('ROLLED BACK deploy 4512'), 'Mitigation implemented');
    assert.equal(name('Everything back to normal'), 'Service restored');
    assert.equal(name('Root cause found: pool exhausted'), 'Root cause identified');
  });
  it('does not take words that only look like one', () => {
    assert.equal(name('Backup restored to staging'), undefined);
    assert.equal(name('Deploy 4512 rolled out'), undefined);
    assert.equal(name('Diagnosis call started'), undefined);
  });
  it('prefers the row that starts with the milestone to one that mentions it', () => {
    const rows = [row('09:12', 'Incident start'), row('11:40', 'Queue depth back to normal level'), row('11:47', 'Service restored, incident closed')];
    const restored = service.analyze(postmortem({ rows })).metrics.milestones.get('Service restored');
    assert.equal(restored?.row.index, 2);
  });
});

describe('metrics: written figures', () => {
  it('reads every figure, its precision and its qualifier', () => {
    const figures = durationFigures('~3 hours of write unavailability; 41 hours until all reconciliation was complete');
    assert.deepEqual(figures.map((f) => [f.seconds, f.precision, f.qualifier]), [[10800, 3600, 'approximate'], [147600, 3600, undefined]]);
    assert.deepEqual(durationFigures('under 5 minutes').map((f) => f.qualifier), ['at-most']);
    assert.deepEqual(durationFigures('1:12').map((f) => f.seconds), [4320]);
    assert.deepEqual(durationFigures('Immediate, we were already looking'), []);
  });
  it('agrees within a minute, 5%, or half its precision', () => {
    const [hours] = durationFigures('3 hours');
    assert.equal(figureAgrees(hours, 2 * 3600 + 40 * 60), true);
    assert.equal(figureAgrees(hours, 2 * 3600 + 20 * 60), false);
    const [minutes] = durationFigures('12 minutes');
    assert.equal(figureAgrees(minutes, 13 * 60), true);
    assert.equal(figureAgrees(minutes, 14 * 60), false);
    const [bound] = durationFigures('under 5 minutes');
    assert.equal(figureAgrees(bound, 3 * 60), true);
    assert.equal(figureAgrees(bound, 9 * 60), false);
  });
  it('writes values in the schema format, which the reader reads back', () => {
    for (const seconds of [60, 45 * 60, 72 * 60, 26 * 3600 + 5 * 60, 90]) {
      for (const format of ['short', 'long'] as const) {
        const [figure] = durationFigures(writeDuration(seconds, format));
        assert.equal(figure.seconds, seconds, `${format} ${writeDuration(seconds, format)}`);
      }
    }
  });
});

describe('metrics: diagnostics', () => {
  const dateTime = '2026-03-11 22:40 - 2026-03-12 01:10 UTC';
  it('reports a figure that disagrees, with both figures and the rows used', () => {
    const text = postmortem({ dateTime, rows: standard, fields: { 'Time to Mitigation': '2 hours' } });
    const [d] = metricDiagnostics(text);
    const message = String(d.message);
    assert.equal(d.code, 'metric-mismatch');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.match(message, /Time to Mitigation says 2 hours, but the timeline gives 15m: from Root cause identified \(row 5, 23:40\) to Mitigation implemented \(row 6, 23:55\)/);
  });
  it('agrees when any figure agrees, and with the other readings the schema allows', () => {
    const text = postmortem({
      dateTime,
      duration: '~2.5 hours of checkout errors (4 h until the backlog was cleared)',
      rows: standard,
      fields: { 'Time to Detection': '12 min', 'Time to Diagnosis': '1h 0m from the start', 'Time to Resolution': '1h 15m until service was restored' },
    });
    assert.deepEqual(metricDiagnostics(text), []);
  });
  it('is information when a milestone is an alias, a hint when the author says how they measured it', () => {
    const rows = standard.map((r) => r.replace('Alert triggered', 'Paged the on-call'));
    const [alias] = metricDiagnostics(postmortem({ dateTime, rows, fields: { 'Time to Detection': '30 minutes' } }));
    assert.equal(alias.severity, DiagnosticSeverity.Information);
    const [explained] = metricDiagnostics(postmortem({ dateTime, rows: standard, fields: { 'Time to Detection': '30 minutes from the deploy to the page' } }));
    assert.equal(explained.severity, DiagnosticSeverity.Hint);
  });
  it('measures nothing from a row out of order', () => {
    const rows = [...standard];
    rows[4] = row('03:40', 'Root cause identified');
    const text = postmortem({ dateTime: '22:40 - 01:10', rows, fields: { 'Time to Diagnosis': '5 minutes', 'Time to Mitigation': '5 minutes' } });
    assert.deepEqual(metricDiagnostics(text).map((d) => d.code), []);
  });
  it('measures nothing from a row earlier than a row above it past a day-only row, and offsets nothing from a start out of order', () => {
    // 09:00 follows a row with a date alone, so the table's order check passes it by; it is still before 10:00.
    const rows = [row('2026-03-11 10:00', 'Incident start'), row('2026-03-11', 'Vendor notified'), row('2026-03-11 09:00', 'Alert triggered'), row('2026-03-11 11:00', 'Service restored')];
    const text = postmortem({ rows });
    const analysis = service.analyze(text);
    assert.deepEqual(Object.keys(values(text)), ['Duration']);
    const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    const offsets = service.inlayHints(analysis, whole).filter((h) => /^[+−]/.test(String(h.label)));
    assert.deepEqual(offsets.map((h) => [h.position.line, h.label]), [[15, '+0m'], [18, '+1h']]);
    // A row out of order in the table: the Incident start row is not to be trusted, so no row gets an offset.
    const disordered = postmortem({ rows: [row('10:00', 'Incident start'), row('10:20', 'Alert triggered'), row('10:05', 'Investigation began')] });
    assert.deepEqual(service.inlayHints(service.analyze(disordered), whole).filter((h) => /^[+−]/.test(String(h.label))), []);
  });

  it('tells which milestones an unfilled metric needs, once for the document', () => {
    const rows = [row('22:40', 'Incident start'), row('23:55', 'Mitigation implemented'), row('01:10', 'Service restored')];
    const found = metricDiagnostics(postmortem({ dateTime, rows }));
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'timeline-milestone-missing');
    assert.equal(found[0].severity, DiagnosticSeverity.Information);
    assert.match(String(found[0].message), /'Alert triggered', 'Investigation began', 'Root cause identified' and 'Permanent fix deployed'/);
  });
  it('reports a milestone before one it cannot precede, but not a mitigation before the diagnosis', () => {
    const rows = [row('22:40', 'Incident start'), row('22:30', 'Alert triggered')];
    const order = metricDiagnostics(postmortem({ dateTime: '2026-03-11 22:20 UTC', rows })).find((d) => d.code === 'milestone-order');
    assert.equal(order, undefined, 'rows out of order in the table are timeline-out-of-order');
    const early = [row('22:20', 'Alert triggered'), row('22:40', 'Incident start'), row('23:10', 'Mitigation implemented'), row('23:40', 'Root cause identified')];
    const found = metricDiagnostics(postmortem({ dateTime: '2026-03-11 22:40 UTC', rows: early })).filter((d) => d.code === 'milestone-order');
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['milestone-order', 15]]);
    assert.match(String(found[0].message), /Alert triggered \(row 1, 22:20\) is before Incident start \(row 2, 22:40\)/);
  });
  it('compares Date/Time with the start and end milestones, as information', () => {
    const found = metricDiagnostics(postmortem({ dateTime: '2026-03-11 22:20 - 2026-03-12 01:10 UTC', rows: standard, fields: { 'Time to Detection': '12 minutes' } }));
    assert.deepEqual(found.map((d) => [d.code, d.severity]), [['metric-mismatch', DiagnosticSeverity.Information]]);
    assert.match(String(found[0].message), /Date\/Time starts 20m before the timeline's Incident start \(row 2, 22:40\)/);
  });
});

describe('metrics: filling them in', () => {
  it('fills every unfilled field, after which nothing disagrees, with CRLF and emoji kept', () => {
    const text = postmortem({ rows: standard.map((r) => r.replace('api', 'api 🚀')), eol: '\r\n' });
    const filled = applyEdits(text, service.fillMetrics(service.analyze(text)));
    assert.match(filled, /\*\*Duration\*\*: 2h 30m\r\n/);
    assert.match(filled, /\*\*Time to Detection\*\*: 12m\r\n/);
    assert.match(filled, /\*\*Time to Resolution\*\*: 35m\r\n/);
    assert.deepEqual(metricDiagnostics(filled), []);
    assert.deepEqual(service.fillMetrics(service.analyze(filled)), []);
  });
  it('corrects only the figure that disagrees, keeping the note', () => {
    const text = postmortem({ dateTime: '2026-03-11 22:40 - 2026-03-12 01:10 UTC', rows: standard, fields: { 'Time to Mitigation': '2 hours, mostly waiting for the CAB' } });
    const analysis = service.analyze(text);
    const diagnostics = service.diagnostics(analysis);
    const line = text.split('\n').findIndex((l) => l.includes('Time to Mitigation'));
    const actions = service.codeActions({ analysis, uri: 'file:///pm.md', version: 1, range: { start: { line, character: 0 }, end: { line, character: 0 } }, diagnostics });
    const fix = actions.find((a) => a.title === 'Fill Time to Mitigation: 15m');
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const edits = fix.edit!.documentChanges![0] as { edits: Parameters<typeof applyEdits>[1] };
    assert.match(applyEdits(text, edits.edits), /\*\*Time to Mitigation\*\*: 15m, mostly waiting for the CAB/);
  });
  it('offers one field and all fields on an unfilled one', () => {
    const text = postmortem({ rows: standard });
    const analysis = service.analyze(text);
    const line = text.split('\n').findIndex((l) => l.includes('Time to Detection'));
    const titles = service.codeActions({ analysis, uri: 'file:///pm.md', version: 1, range: { start: { line, character: 3 }, end: { line, character: 3 } }, diagnostics: [] }).map((a) => a.title);
    assert.deepEqual(titles.filter((t) => t.includes('Fill')), ['Fill Time to Detection: 12m', 'Fill all response times from the timeline']);
  });
});

describe('metrics: hints, lens, hover, completion', () => {
  const text = postmortem({ dateTime: '2026-03-11 22:40 - 2026-03-12 01:10 UTC', rows: standard });
  const analysis = service.analyze(text);
  const lines = text.split('\n');
  it('puts each row offset after its time, and the computed value after unfilled fields', () => {
    const hints = service.inlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
    const labels = hints.map((h) => `${h.position.line}:${h.label}`);
    assert.deepEqual(labels.filter((l) => /:[+−]/.test(l)), ['15:−9m', '16:+0m', '17:+12m', '18:+18m', '19:+1h', '20:+1h 15m', '21:+1h 50m', '22:+2h 30m']);
    assert.equal(hints.find((h) => h.position.line === 15)?.position.character, lines[15].indexOf('22:31') + 5);
    assert.ok(labels.includes(`${lines.findIndex((l) => l.includes('Time to Detection'))}:= 12m`));
    const visible = service.inlayHints(analysis, { start: { line: 17, character: 0 }, end: { line: 18, character: 0 } });
    assert.deepEqual(visible.map((h) => h.label), ['+12m', '+18m']);
  });
  it('sums the numbers above the timeline', () => {
    const lens = service.metricsLens(analysis);
    assert.equal(lens?.title, 'Duration 2h 30m · detection 12m · investigation 6m · diagnosis 42m · mitigation 15m · resolution 35m — fill 6 fields');
    assert.equal(lens?.range.start.line, lines.indexOf('## Timeline'));
  });
  it('shows the arithmetic on a metric field and on a milestone row', () => {
    const at = (match: string) => ({ line: lines.findIndex((l) => l.includes(match)), character: 5 });
    const field = service.hover(analysis, at('Time to Detection'));
    assert.match((field?.contents as MarkupContent).value, /\*\*Time to Detection\*\* from the timeline: \*\*12m\*\*, from Incident start \(row 2, 22:40\) to Alert triggered \(row 3, 22:52\)/);
    const milestone = service.hover(analysis, at('Alert triggered'));
    assert.match((milestone?.contents as MarkupContent).value, /\+12m from the incident's start/);
    assert.match((milestone?.contents as MarkupContent).value, /Time to Investigation: \*\*6m\*\*/);
  });
  it('completes a metric field with its computed value first', () => {
    const line = lines.findIndex((l) => l.includes('Time to Detection'));
    const list = service.completions(analysis, { line, character: lines[line].indexOf('[') + 1 });
    assert.equal(list?.items[0].label, '12m');
  });
  it('reports the numbers as data', () => {
    const report = service.metrics(analysis);
    assert.equal(report.start?.time, '2026-03-11T22:40:00Z');
    assert.equal(report.end?.time, '2026-03-12T01:10:00Z');
    assert.deepEqual(report.metrics.map((m) => [m.name, m.seconds]), [['Duration', 9000], ['detection', 720], ['investigation', 360], ['diagnosis', 2520], ['mitigation', 900], ['resolution', 2100]]);
  });
});

describe("metrics: a team's own schema", () => {
  const template = ['# Outage', '', '## Summary', '', '**Outage length**: [length]', '**Time to page**: [minutes]', '', '## Log', '', '| When | What |', '|---|---|', '| [time] | [what] |', ''].join('\n');
  const schema = [
    'name: Outage',
    'requiredSections: [Summary, Log]',
    'fields:',
    '  - { label: Outage length, section: Summary, kind: duration }',
    'timeline:',
    '  section: Log',
    '  columns: { time: When, event: What }',
    '  milestones:',
    '    - { value: Broken, aliases: [Went down] }',
    '    - { value: Pager, aliases: [Phone rang] }',
    '    - { value: Fixed, after: [Broken] }',
    'metrics:',
    '  start: Broken',
    '  end: Fixed',
    '  format: long',
    '  values:',
    '    - { name: length, field: Outage length, from: start, to: end }',
    '    - { name: page, field: Time to page, section: Summary, from: Broken, to: Pager }',
    '',
  ].join('\n');
  const custom = createPostmortemService(template, schema);
  const doc = template.replace('| [time] | [what] |', '| 10:00 | Went down hard |\n| 10:25 | Phone rang twice |\n| 11:30 | Fixed |');
  it('computes its own metrics from its own milestones, in its format', () => {
    assert.deepEqual(values(doc, custom), { length: 90, page: 25 });
    const filled = applyEdits(doc, custom.fillMetrics(custom.analyze(doc)));
    assert.match(filled, /\*\*Outage length\*\*: 1 hour 30 minutes/);
    assert.match(filled, /\*\*Time to page\*\*: 25 minutes/);
    assert.deepEqual(metricDiagnostics(filled, custom), []);
  });
  it('rejects a metric naming a milestone the schema does not have', () => {
    assert.throws(() => createPostmortemService(template, schema.replace('to: Pager', 'to: Pagr')), /unknown milestone 'Pagr'/);
  });
});
