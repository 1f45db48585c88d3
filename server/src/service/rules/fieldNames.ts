/**
 * How diagnostics name the thing that is unfilled or wrong, from where it sits: "Severity",
 * "Incident Commander date", "Component (Timeline row 3)", "Contributing Factors item 2".
 */
import type { Analysis } from '../analysis';
import type { Placeholder } from '../document/model';

export type PlaceholderNamer = (p: Placeholder) => string;

/** The label of the field's labelled part that a position falls in ("Date"), if any. */
export function partAt(analysis: Analysis, fieldIndex: number, character: number): string | undefined {
  const parts = analysis.fieldValue(fieldIndex)?.parts ?? [];
  let label: string | undefined;
  for (const part of parts) if (part.labelStart <= character) label = part.part.label;
  return label;
}

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
        // A blank in a labelled part of a signature line: "**Technical Lead**: ____ Date: ____".
        const part = partAt(analysis, p.owner.field, p.start);
        if (part) return `${field.label} ${part.toLowerCase()}`;
        if (p.start > field.valueStart) {
          const before = doc.text.lines[p.line].slice(field.valueStart, p.start);
          const sub = /(?:^|\s)([A-Z][A-Za-z]{1,20}):\s*$/.exec(before);
          if (sub) return `${field.label} ${sub[1].toLowerCase()}`;
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
