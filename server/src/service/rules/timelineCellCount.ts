import type { Rule } from './rule';

export const timelineCellCount: Rule = {
  id: 'timeline-cell-count',
  defaultLevel: 'error',
  description: 'A timeline row has more or fewer cells than the table has columns.',
  check(analysis, report) {
    const { doc } = analysis;
    for (const { table, rows, title } of analysis.timeline?.tables ?? []) {
      const columns = table.header.cells.length;
      const names = table.header.cells.map((c) => doc.text.lines[table.header.line].slice(c.start, c.end));
      for (const { row, index } of rows) {
        if (row.cells.length === columns) continue;
        const text = doc.text.lines[row.line];
        // A line with no pipe under the table: GitHub shows it as a row.
        const absorbed = row.cells.length === 1 && row.cells[0].outerStart === 0 && row.cells[0].outerEnd === text.length && text.indexOf('|') === -1;
        report({
          line: row.line,
          start: text.length - text.trimStart().length,
          end: text.trimEnd().length,
          message: absorbed
            ? `This line is right under the timeline table, so GitHub shows it as a row of the table (${title} row ${index + 1}): put a blank line before it`
            : `${title} row ${index + 1} has ${row.cells.length} cell${row.cells.length === 1 ? '' : 's'}; the table has ${columns} columns (${names.join(', ')})`,
          data: { columns, cells: row.cells.length },
        });
      }
    }
  },
};
