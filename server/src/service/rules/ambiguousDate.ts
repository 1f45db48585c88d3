import { cellSpan } from '../document/timeline';
import { dateOf } from '../values/moment';
import { describeDate, formatDate, type DateParts } from '../values/date';
import { forEachValue } from './fieldReadings';
import type { Rule } from './rule';

export const ambiguousDate: Rule = {
  id: 'ambiguous-date',
  defaultLevel: 'hint',
  description: 'A date reads both day-first and month-first (03/04/2026) and the postmortem.dateOrder setting is auto.',
  examples: { field: 'Review Date', accepted: ['23/03/2026', '03/23/2026', '2026-04-03', '03.04.2026', '3 April 2026'], rejected: ['03/04/2026', '05-06-2026'] },
  check(analysis, report) {
    if (analysis.dateOrder !== 'auto') return;
    forEachValue(analysis, ({ name, line, value }) => {
      if (value.reading.state !== 'ok' || !value.reading.ambiguous?.ambiguous) return;
      const { text, ambiguous } = value.reading.ambiguous;
      report({ line, start: value.start, end: value.end, message: `${name}: ${message(text, ambiguous)}` });
    });
    const order = analysis.timelineOrder;
    // A timeline that says how its dates read ("Dates are month/day.") has none ambiguous.
    if (!order || analysis.timeline?.dateOrder) return;
    const { doc } = analysis;
    for (const table of analysis.timeline?.tables ?? []) {
      for (const { row, time, index } of table.rows) {
        if (time.state !== 'ok' || !time.moment.ambiguousDate || dateOf(time.moment, 'auto')) continue;
        const line = doc.text.lines[row.line];
        const span = cellSpan(line, row.cells[table.columns.time]);
        const text = line.slice(span.start, span.end);
        report({ line: row.line, start: span.start, end: span.end, message: `${table.title} row ${index + 1}: ${message(text, time.moment.ambiguousDate)}` });
      }
    }
  },
};

function message(text: string, both: { dayFirst: DateParts; monthFirst: DateParts }): string {
  const iso = (d: DateParts) => (d.year !== undefined && d.day !== undefined ? formatDate(d as Required<DateParts>) : describeDate(d));
  return `${text} could be ${describeDate(both.dayFirst)} or ${describeDate(both.monthFirst)}: write ${iso(both.dayFirst)} or ${iso(both.monthFirst)}, or set postmortem.dateOrder to dmy or mdy`;
}
