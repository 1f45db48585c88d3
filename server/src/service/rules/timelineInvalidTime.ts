import { cellSpan } from '../document/timeline';
import { timelineTimeExpectation } from '../values/kinds';
import type { Rule } from './rule';

export const timelineInvalidTime: Rule = {
  id: 'timeline-invalid-time',
  defaultLevel: 'error',
  description: 'A timeline Time cell holds no time, or an impossible one.',
  docs: `The Time cell of a timeline row is read for the first time in it, with the date, day or
zone around it; a note may follow. Accepted:

- a time of day: \`14:02\`, \`9:14\`, \`14:02:17\`, \`09:19:12.431\`, \`2:14 PM\`, \`2pm\`, \`14h02\`,
  \`09.24\`, \`noon\`, \`midnight\`, with an optional zone: \`14:02 UTC\`, \`14:02Z\`, \`14:02 CET\`,
  \`09:14 +02:00\`;
- approximate or with a note: \`~09:19\`, \`≈09:19\`, \`approx. 09:19\`, \`09:19 (approx.)\`, \`09:19?\`,
  \`14:02-14:10\` (the start counts);
- with a date or a day: \`2026-06-10 09:14\`, \`2026-06-10T09:14:00+02:00\`, \`Jun 10 09:14\`,
  \`10 Jun 09:14\`, \`10/06 09:14\` (by \`postmortem.dateOrder\`), \`Tue 09:14\`, \`Day 2 09:19\`,
  \`D2 09:19\`; a date alone (\`2026-06-11\`) orders the row by its day;
- relative to the incident's start: \`T+0\`, \`T+5m\`, \`T+01:05\`.

Emphasis and code ticks around the time do not count. Hours run 0-23, minutes and seconds 0-59,
dates must exist. An empty cell or one that says the time is not known (\`?\`, \`TBD\`, \`-\`) is
*timeline-empty-cell*, a template placeholder *unfilled-placeholder*.

**Fix**: write the time in one of the forms above. Completion in the Time column offers one.`,
  examples: { field: 'Timeline', accepted: ['14:02', '2:14 PM', '14:02 UTC', '~09:19', '09:19 (approx.)', '09:19:12.431', 'Jun 10 09:14', '2026-06-10 09:14', '2026-06-10T09:14:00+02:00', 'Day 2 09:19', 'T+5m', '09.24'], rejected: ['soon', 'later that day', '25:99', '14:75', '2026-02-30 10:00'] },
  check(analysis, report) {
    const { doc } = analysis;
    for (const { rows, columns, title } of analysis.timeline?.tables ?? []) {
      for (const { row, time, index } of rows) {
        if (time.state !== 'invalid') continue;
        const line = doc.text.lines[row.line];
        const span = cellSpan(line, row.cells[columns.time]);
        const value = line.slice(span.start, span.end);
        report({
          line: row.line,
          start: span.start,
          end: span.end,
          message: time.problem
            ? `${title} row ${index + 1}: ${time.text} ${time.problem}`
            : `${title} row ${index + 1}: '${value}' is not a time: expected ${timelineTimeExpectation}`,
        });
      }
    }
  },
};
