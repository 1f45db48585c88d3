import { dayNumber } from '../values/date';
import type { Rule } from './rule';

export const followUpReviewOverdue: Rule = {
  id: 'follow-up-review-overdue',
  defaultLevel: 'information',
  description: 'A follow-up review date has passed, and what the review found is not written yet.',
  check(analysis, report, { today }) {
    const { doc, template } = analysis;
    const pending = new Set(template.schema.pendingSections.map((s) => template.sectionKeyOf(s)));
    if (pending.size === 0) return;
    for (let k = 0; k < doc.fields.length; k++) {
      const field = doc.fields[k];
      const value = analysis.fieldValue(k);
      if (value?.spec.kind !== 'date' || value.reading.state !== 'ok') continue;
      // A review date in a section written after the post-mortem (the Follow-up Review).
      if (!analysis.sectionPath(field.section).some((key) => pending.has(key))) continue;
      const date = value.reading.date?.date;
      if (date?.year === undefined || date.day === undefined) continue;
      const day = dayNumber(date.year, date.month, date.day);
      if (day >= today) continue;
      // What the review records: the other fields under the same heading, all still unfilled.
      const heading = field.style === 'heading' ? doc.headings.findIndex((h) => h.line === field.line) : field.section;
      if (heading === -1) continue;
      const end = doc.headings[heading].end;
      const record = doc.fields.map((f, i) => [f, i] as const).filter(([f, i]) => i !== k && f.line > field.line && f.line < end && (f.style !== 'heading'));
      if (record.length === 0) continue;
      const unfilled = record.filter(([, i]) => {
        const state = analysis.fieldValue(i)?.reading.state;
        return state === undefined || state === 'placeholder' || state === 'empty' || state === 'not-known';
      });
      if (unfilled.length !== record.length) continue;
      const names = record.map(([f]) => f.label);
      report({
        line: field.line,
        start: value.start,
        end: value.end,
        message: `The follow-up review was due on ${value.raw.trim()} and is not written up: record its ${names.join(', ')}`,
      });
    }
  },
};
