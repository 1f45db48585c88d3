/**
 * How diagnostics name the thing that is unfilled or wrong, from where it sits: "Severity",
 * "Incident Commander date", "Component (Timeline row 3)", "Contributing Factors item 2".
 */
import type { Analysis } from '../analysis';
import type { Placeholder } from '../document/model';

export type PlaceholderNamer = (p: Placeholder) => string;

/** A namer for one analysis; it remembers each table's column names. */
export function placeholderNamer(analysis: Analysis): PlaceholderNamer {
  const { doc } = analysis;
  const tableNames = new Map<number, { title: string; columns: string[] }>();
  const tableOf = (index: number) => {
    let names = tableNames.get(index);
    if (!names) {
      const table = doc.tables[index];
      const header = doc.text.lines[table.header.line];
      names = {
        title: table.section >= 0 ? doc.headings[table.section].title : 'Table',
        columns: table.header.cells.map((c, i) => header.slice(c.start, c.end) || `column ${i + 1}`),
      };
      tableNames.set(index, names);
    }
    return names;
  };

  return (p) => {
    switch (p.owner.type) {
      case 'field': {
        const field = doc.fields[p.owner.field];
        // A second blank on a signature line: "**Technical Lead**: ____ Date: ____".
        if (p.start > field.valueStart) {
          const before = doc.text.lines[p.line].slice(field.valueStart, p.start);
          const sub = /([A-Za-z][A-Za-z ]{0,30}):\s*$/.exec(before);
          if (sub) return `${field.label} ${sub[1].trim().toLowerCase()}`;
        }
        return field.label;
      }
      case 'cell': {
        const names = tableOf(p.owner.table);
        if (p.owner.row < 0) return `${names.title} header`;
        return `${names.columns[p.owner.column] ?? `column ${p.owner.column + 1}`} (${names.title} row ${p.owner.row + 1})`;
      }
      case 'item':
        return `${p.owner.label} item ${p.owner.number}`;
      case 'section':
        return p.section >= 0 ? doc.headings[p.section].title : 'Document';
    }
  };
}
