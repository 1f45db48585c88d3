import type { Rule } from './rule';

export const timelineInvalidTime: Rule = {
  id: 'timeline-invalid-time',
  defaultLevel: 'error',
  description: 'A timeline time does not parse.',
  docs: `The Time column of the timeline accepts:

- a time of day: \`14:32\`, \`14:32:05\`, \`2:32 PM\`, optionally followed by \`UTC\` or \`Z\`;
- a date and time: \`2026-11-20 14:32\`, \`2026-11-20 14:32:05\`;
- ISO 8601: \`2026-11-20T14:32:05Z\`, \`2026-11-20T16:32+02:00\`.

Hours run 0-23, minutes and seconds 0-59, dates must exist. An empty cell or a template
placeholder is not reported here (see *unfilled-placeholder*).

**Fix**: write the time in one of the forms above. Completion in the Time column offers one.`,
  check(analysis, report) {
    const timeline = analysis.timeline;
    if (!timeline) return;
    const { doc } = analysis;
    for (const { row, time, index } of timeline.rows) {
      if (time.state !== 'invalid') continue;
      const cell = row.cells[timeline.columns.time];
      const value = doc.text.lines[row.line].slice(cell.start, cell.end);
      report({
        line: row.line,
        start: cell.start,
        end: cell.end,
        message: `Timeline row ${index + 1}: '${value}' is not a time (expected HH:MM, YYYY-MM-DD HH:MM or ISO 8601)`,
      });
    }
  },
};
