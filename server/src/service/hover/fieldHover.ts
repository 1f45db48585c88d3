/**
 * Hover on a field line the schema describes: what the field expects, and for a choice field
 * every allowed value with its meaning, the current one marked. The template's own guidance, at
 * the place an author needs it, without opening the schema.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { FieldSpec } from '../template/schema';
import { filledValue, matchChoice } from '../rules/fieldValues';

const kindDescriptions: Record<FieldSpec['kind'], string> = {
  text: 'Free text.',
  choice: 'One of the values below.',
  datetime: 'A date and time, or a range: `2026-11-28 14:05 - 15:40`.',
  date: 'A date: `2026-11-28`.',
  duration: 'A duration: `1h 35m`.',
  number: 'A number.',
  percentage: 'A percentage: `97%`.',
  person: 'A person: a name or a handle.',
  id: 'An identifier.',
};

export function fieldHover(analysis: Analysis, position: Position): Hover | null {
  const fieldIndex = analysis.doc.fieldOfLine.get(position.line);
  if (fieldIndex === undefined) return null;
  const spec = analysis.fieldSpec(fieldIndex);
  if (!spec) return null;
  const field = analysis.doc.fields[fieldIndex];
  const line = analysis.doc.text.lines[field.line];
  const start = line.length - line.trimStart().length;
  const end = line.trimEnd().length;
  if (position.character < start || position.character > end) return null;

  const parts = [`**${spec.label}**${spec.section ? ` (${spec.section})` : ''}`, describe(spec, analysis)];
  if (spec.kind === 'choice' && spec.values) {
    const value = filledValue(analysis, fieldIndex);
    const current = value === undefined ? undefined : matchChoice(value, spec.values);
    parts.push(
      spec.values
        .map((v) => `- ${v === current ? '✓ ' : ''}\`${v.value}\`${v.meaning ? `: ${v.meaning}` : ''}`)
        .join('\n'),
    );
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') },
    range: { start: { line: field.line, character: start }, end: { line: field.line, character: end } },
  };
}

function describe(spec: FieldSpec, analysis: Analysis): string {
  let text = kindDescriptions[spec.kind];
  if (spec.kind === 'number' || spec.kind === 'percentage') {
    const whole = spec.integer ? 'A whole number' : spec.kind === 'number' ? 'A number' : 'A percentage';
    const bounds =
      spec.min !== undefined && spec.max !== undefined
        ? ` from ${spec.min} to ${spec.max}`
        : spec.min !== undefined
          ? ` of at least ${spec.min}`
          : spec.max !== undefined
            ? ` of at most ${spec.max}`
            : '';
    text = `${whole}${bounds}.`;
  }
  const { newDocument } = analysis.template.schema;
  if (spec.kind === 'id' && newDocument.idField === spec.label) {
    text = `An identifier like \`${newDocument.idFormat}\`; **New Post-Mortem** fills in one that no post-mortem in the folder uses.`;
  }
  return text;
}
