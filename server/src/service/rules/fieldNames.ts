/**
 * How diagnostics name the thing that is unfilled or wrong, from where it sits: "Severity",
 * "Incident Commander date", "Component (Timeline row 3)", "Contributing Factors item 2".
 */
import type { Analysis } from '../analysis';
import type { Placeholder } from '../document/model';

export function placeholderName(analysis: Analysis, p: Placeholder): string {
  const { doc } = analysis;
  const line = doc.text.lines[p.line];
  switch (p.owner.type) {
    case 'field': {
      const field = doc.fields[p.owner.field];
      // A second blank on a signature line: "**Technical Lead**: ____ Date: ____".
      const before = line.slice(field.valueStart, p.start);
      const sub = /([A-Za-z][A-Za-z ]{0,30}):\s*$/.exec(before);
      return sub ? `${field.label} ${sub[1].trim().toLowerCase()}` : field.label;
    }
    case 'cell': {
      const table = doc.tables[p.owner.table];
      const headerCell = table.header.cells[p.owner.column];
      const header = headerCell ? doc.text.lines[table.header.line].slice(headerCell.start, headerCell.end) : '';
      const title = table.section >= 0 ? doc.headings[table.section].title : 'Table';
      const column = header || `column ${p.owner.column + 1}`;
      return p.owner.row < 0 ? `${title} header` : `${column} (${title} row ${p.owner.row + 1})`;
    }
    case 'item':
      return `${p.owner.label} item ${p.owner.number}`;
    case 'section':
      return p.section >= 0 ? doc.headings[p.section].title : 'Document';
  }
}
