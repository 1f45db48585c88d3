/**
 * The values the rules check: every described field's value, and each labelled part of it (the
 * date on a signature line), with the name a message gives it and the spec it is read by.
 */
import type { Analysis, ValueSpan } from '../analysis';
import type { FieldSpec } from '../template/schema';

export interface CheckedValue {
  /** "Severity", "Incident Commander date". */
  name: string;
  spec: Pick<FieldSpec, 'kind' | 'min' | 'max' | 'integer' | 'values' | 'label' | 'afterIncident'>;
  fieldIndex: number;
  line: number;
  value: ValueSpan;
  /** The part's label and where it starts, for a labelled part. */
  part?: string;
  labelStart?: number;
}

/** The values of an analysis, listed once for the rules that read them. */
const listed = new WeakMap<Analysis, CheckedValue[]>();

export function forEachValue(analysis: Analysis, visit: (value: CheckedValue) => void): void {
  let values = listed.get(analysis);
  if (!values) {
    values = [];
    const { fields } = analysis.doc;
    for (let index = 0; index < fields.length; index++) {
      const value = analysis.fieldValue(index);
      if (!value) continue;
      const field = fields[index];
      values.push({ name: field.label, spec: value.spec, fieldIndex: index, line: field.line, value });
      for (const part of value.parts) {
        values.push({ name: `${field.label} ${part.part.label.toLowerCase()}`, spec: { label: part.part.label, kind: part.part.kind, afterIncident: part.part.afterIncident }, fieldIndex: index, line: field.line, value: part, part: part.part.label, labelStart: part.labelStart });
      }
    }
    listed.set(analysis, values);
  }
  for (const value of values) visit(value);
}

/** The value as a message quotes it: its text without emphasis, shortened. */
export function quoted(value: ValueSpan): string {
  const text = value.raw.replace(/\*\*|__|`/g, '').replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
