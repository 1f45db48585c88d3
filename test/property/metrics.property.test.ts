/**
 * Properties of the incident's numbers over generated incidents: milestone rows at random times
 * (across midnight and days, in the template's words, aliases or other words), lead-up and
 * follow-up rows, Date/Time with or without dates, figures already written or not.
 * - Filling the metrics, then checking again, gives no metric-mismatch, and a second fill has
 *   nothing left to do.
 * - Shuffling the rows and sorting them (the timeline's fix) gives the same metrics.
 * - Hints, the lens and the fill edits stay inside the document.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TextEdit } from 'vscode-languageserver-types';
import { fixAllKind } from '../../server/src/service/codeActions/timelineOrderFixes';
import { milestoneOfText, phraseKey } from '../../server/src/service/metrics/milestones';
import { applyEdits, editsOf, service } from '../support/service';
import { checkProperty } from './config';

const milestoneNames: Record<string, string[]> = {
  'Incident start': ['Incident start', 'Impact began', 'Outage started: checkout 500s'],
  'Alert triggered': ['Alert triggered', 'Alert fired (PagerDuty)', 'Paged the on-call'],
  'Investigation began': ['Investigation began', 'Began investigating', 'Triage started'],
  'Root cause identified': ['Root cause identified', 'Root cause found: pool size', 'Cause identified'],
  'Mitigation implemented': ['Mitigation implemented', 'Rolled back 4.2', 'Mitigated by failover'],
  'Permanent fix deployed': ['Permanent fix deployed', 'Fix deployed: 4.2.1', 'Fix released'],
  'Service restored': ['Service restored', 'Back to normal', 'Fully recovered 🎉'],
};
const order = Object.keys(milestoneNames);

interface Incident {
  startMinute: number;
  /** Minutes between consecutive milestones. */
  gaps: number[];
  names: number[];
  leadUp: boolean;
  followUp: boolean;
  dated: boolean;
  dateTime: 'range' | 'start' | 'none';
  eol: '\n' | '\r\n';
  written: (string | null)[];
}

const incidentArb: fc.Arbitrary<Incident> = fc.record({
  startMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  gaps: fc.array(fc.oneof(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 46, max: 20 * 60 })), { minLength: order.length - 1, maxLength: order.length - 1 }),
  names: fc.array(fc.nat(2), { minLength: order.length, maxLength: order.length }),
  leadUp: fc.boolean(),
  followUp: fc.boolean(),
  dated: fc.boolean(),
  dateTime: fc.constantFrom('range' as const, 'start' as const, 'none' as const),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  written: fc.array(fc.option(fc.constantFrom('5 minutes', '~2 hours', '1h 12m', 'under 10 minutes', 'Immediate'), { nil: null }), { minLength: 6, maxLength: 6 }),
});

const base = Date.UTC(2026, 2, 9);
const pad = (n: number) => String(n).padStart(2, '0');
const at = (minute: number, dated: boolean) => {
  const d = new Date(base + minute * 60000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return dated ? `${d.toISOString().slice(0, 10)} ${time}` : time;
};

function incidentText(incident: Incident): { text: string; minutes: number[] } {
  const minutes = [incident.startMinute];
  for (const gap of incident.gaps) minutes.push(minutes[minutes.length - 1] + gap);
  const span = minutes[minutes.length - 1] - minutes[0];
  // Without dates, a timeline is read within a day: longer incidents get dates.
  const dated = incident.dated || span >= 20 * 60;
  const rows: string[] = [];
  if (incident.leadUp) rows.push(`| ${at(minutes[0] - 30, dated)} | Deploy 4.2 to production | deployer | canary skipped |`);
  order.forEach((m, k) => rows.push(`| ${at(minutes[k], dated)} | ${milestoneNames[m][incident.names[k]]} | api | done |`));
  if (incident.followUp) rows.push(`| ${at(minutes[minutes.length - 1] + 90, dated)} | Post-incident review scheduled | team | invite sent |`);
  const dateTime =
    incident.dateTime === 'range' ? `${at(minutes[0], true)} - ${at(minutes[minutes.length - 1], true)} UTC` : incident.dateTime === 'start' ? `${at(minutes[0], true)} UTC` : '[START TIME] - [END TIME]';
  const written = (k: number, placeholder: string) => incident.written[k] ?? placeholder;
  const text = [
    '# Post-Mortem: Generated',
    '',
    '## Incident Summary',
    '',
    `**Date/Time**: ${dateTime}`,
    `**Duration**: ${written(0, '[TOTAL DURATION]')}`,
    '',
    '## Timeline',
    '',
    'All times in UTC.',
    '',
    '| Time | Event | Component | Action Taken |',
    '|------|-------|-----------|--------------|',
    ...rows,
    '',
    '## Response Analysis',
    '',
    `- **Time to Detection**: ${written(1, '[How long from incident start to alert?]')}`,
    `- **Time to Investigation**: ${written(2, '[From alert to investigation start]')}`,
    `- **Time to Diagnosis**: ${written(3, '[From investigation to root cause]')}`,
    `- **Time to Mitigation**: ${written(4, '[From diagnosis to temporary fix]')}`,
    `- **Time to Resolution**: ${written(5, '[From mitigation to permanent fix]')}`,
    '',
  ].join(incident.eol);
  return { text, minutes };
}

const metricsOf = (text: string) => Object.fromEntries(service.analyze(text).metrics.values.map((v) => [v.spec.name, v.seconds]));

describe('metrics properties', { concurrency: false }, () => {
  it('filling the metrics then checking again gives no metric-mismatch, and nothing left to fill', () => {
    checkProperty('fill then re-check', 0.25, [incidentArb], (incident) => {
      // Written figures are what the author typed; fill only touches the unfilled ones, so start from none.
      const { text } = incidentText({ ...incident, written: incident.written.map(() => null) });
      const filled = applyEdits(text, service.fillMetrics(service.analyze(text)));
      const analysis = service.analyze(filled);
      const mismatches = service.diagnostics(analysis).filter((d) => d.code === 'metric-mismatch' && !String(d.message).startsWith('Date/Time'));
      assert.deepEqual(mismatches.map((d) => d.message), []);
      assert.deepEqual(service.fillMetrics(analysis), []);
      assert.equal(filled.split(incident.eol).length, text.split(incident.eol).length, 'fill adds no line');
    });
  });

  it('shuffling the rows and sorting them gives the same metrics', () => {
    checkProperty('shuffle then sort', 0.25, [incidentArb, fc.array(fc.nat(), { minLength: 9, maxLength: 9 })], (incident, keys) => {
      // Rows with their dates: sorting can only restore what the rows themselves say.
      const { text } = incidentText({ ...incident, dated: true });
      const lines = text.split(incident.eol);
      const first = lines.findIndex((l) => l.startsWith('|------'));
      let last = first + 1;
      while (lines[last]?.startsWith('|')) last++;
      const rows = lines.slice(first + 1, last);
      const shuffled = rows.map((row, k) => ({ row, key: keys[k % keys.length] * 31 + k })).sort((a, b) => a.key - b.key).map((r) => r.row);
      const mixed = [...lines.slice(0, first + 1), ...shuffled, ...lines.slice(last)].join(incident.eol);
      const analysis = service.analyze(mixed);
      const actions = service.codeActions({ analysis, uri: 'file:///pm.md', version: 1, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, diagnostics: [], only: [fixAllKind] });
      const sort = actions.find((a) => a.title === 'Sort the timeline by time');
      const sorted = sort ? applyEdits(mixed, editsOf(sort.edit, 'file:///pm.md') as TextEdit[]) : mixed;
      assert.deepEqual(metricsOf(sorted), metricsOf(text));
    });
  });

  it('finds a milestone in a text exactly where its words are (the hashed reading against the words themselves)', () => {
    const milestones = service.template.schema.timeline!.milestones;
    const phrases = milestones.flatMap((m) => [m.value, ...(m.aliases ?? [])].map((name) => ({ m, name, key: phraseKey(name) })));
    const wordArb = fc.oneof(
      fc.constantFrom(...phrases.flatMap((p) => p.name.split(/[\s-]+/))),
      fc.constantFrom('the', 'on', 'pager', 'alerting', 'restores', 'rolled', 'ROLLBACK', 'Fixes', 'fixing', 'e', 'ing', 'es', '🚀', 'café', '**', '`code`', '—', '(P1)'),
      fc.string({ maxLength: 6 }),
    );
    checkProperty('milestone reading', 1, [fc.array(wordArb, { maxLength: 12 }), fc.constantFrom(' ', '  ', ' - ', ': ', '\t')], (words, glue) => {
      const text = words.join(glue);
      // The reference: the phrase whose words come first in the text's words, the longest there.
      const key = ` ${phraseKey(text)} `;
      let expected: { value: string; at: number; length: number } | undefined;
      for (const p of phrases) {
        if (!p.key) continue;
        const at = key.indexOf(` ${p.key} `);
        if (at === -1) continue;
        if (!expected || at < expected.at || (at === expected.at && p.key.length > expected.length)) expected = { value: p.m.value, at, length: p.key.length };
      }
      assert.equal(milestoneOfText(milestones, text)?.milestone.value, expected?.value, JSON.stringify(text));
    });
  });

  it('puts every hint, lens and fill edit inside the document', () => {
    checkProperty('metric ranges inside the document', 0.25, [incidentArb, fc.nat()], (incident, cut) => {
      const { text } = incidentText(incident);
      // Also a document cut anywhere (a half-typed row, a timeline without its end).
      const lines = text.split(incident.eol);
      for (const doc of [text, lines.slice(0, 1 + (cut % lines.length)).join(incident.eol)]) {
        const docLines = doc.split(/\r?\n/);
        const inside = (p: { line: number; character: number }) => p.line >= 0 && p.line < docLines.length && p.character >= 0 && p.character <= docLines[p.line].length;
        const analysis = service.analyze(doc);
        for (const hint of service.inlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: docLines.length, character: 0 } })) assert.ok(inside(hint.position), `hint at ${JSON.stringify(hint.position)}`);
        const lens = service.metricsLens(analysis);
        if (lens) assert.ok(inside(lens.range.start) && inside(lens.range.end));
        for (const edit of service.fillMetrics(analysis)) assert.ok(inside(edit.range.start) && inside(edit.range.end), `edit at ${JSON.stringify(edit.range)}`);
      }
    });
  });
});
