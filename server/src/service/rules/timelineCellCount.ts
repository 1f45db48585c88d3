import type { Rule } from './rule';

export const timelineCellCount: Rule = {
  id: 'timeline-cell-count',
  defaultLevel: 'error',
  description: 'A timeline row has more or fewer cells than the table has columns.',
  docs: `Every row of the timeline table must have one cell per column of its header
(Time, Event, Component, Action Taken in the default template). A missing pipe or an extra one
shifts the cells so the table renders wrongly and the row cannot be checked. A literal pipe
inside a cell is written \`\\|\`.

**Fix**: add or remove cells. The quick fix *Add the missing cells* pads a short row with
empty cells.`,
  check(analysis, report) {
    const timeline = analysis.timeline;
    if (!timeline) return;
    const { doc } = analysis;
    const columns = timeline.table.header.cells.length;
    const names = timeline.table.header.cells.map((c) => doc.text.lines[timeline.table.header.line].slice(c.start, c.end));
    for (const { row, index } of timeline.rows) {
      if (row.cells.length === columns) continue;
      const text = doc.text.lines[row.line];
      report({
        line: row.line,
        start: text.length - text.trimStart().length,
        end: text.trimEnd().length,
        message: `Timeline row ${index + 1} has ${row.cells.length} cell${row.cells.length === 1 ? '' : 's'}; the table has ${columns} columns (${names.join(', ')})`,
        data: { columns, cells: row.cells.length },
      });
    }
  },
};
