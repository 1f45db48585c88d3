/**
 * Hover on a field line the schema describes: what the field expects, and for a choice field
 * every allowed value with its meaning (and aliases), the current one marked. The template's own
 * guidance, at the place an author needs it, without opening the schema.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { FieldSpec } from '../template/schema';
import { idFormatExample } from '../values/id';
import { expectation } from '../values/kinds';

export function fieldHover(analysis: Analysis, position: Position, now: Date): Hover | null {
  const fieldIndex = analysis.doc.fieldOfLine.get(position.line);
  if (fieldIndex === undefined) return null;
  const value = analysis.fieldValue(fieldIndex);
  if (!value) return null;
  const { spec } = value;
  const field = analysis.doc.fields[fieldIndex];
  const line = analysis.doc.text.lines[field.line];
  const start = line.length - line.trimStart().length;
  const end = line.trimEnd().length;
  if (position.character < start || position.character > end) return null;

  const parts = [`**${spec.label}**${spec.section ? ` (${spec.section})` : ''}`, describe(spec, analysis, now)];
  if (spec.kind === 'choice' && spec.values) {
    const current = value.reading.state === 'ok' ? value.reading.choice?.choice : undefined;
    parts.push(
      spec.values
        .map((v) => `- ${v === current ? '✓ ' : ''}\`${v.value}\`${v.meaning ? `: ${v.meaning}` : ''}${v.aliases?.length ? ` (also ${v.aliases.join(', ')})` : ''}`)
        .join('\n'),
    );
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') },
    range: { start: { line: field.line, character: start }, end: { line: field.line, character: end } },
  };
}

function describe(spec: FieldSpec, analysis: Analysis, now: Date): string {
  const { newDocument } = analysis.template.schema;
  switch (spec.kind) {
    case 'text':
      return 'Free text.';
    case 'choice':
      return 'One of the values below, anywhere in the value, with any note around it.';
    case 'id':
      if (newDocument.idField === spec.label) {
        return `An identifier like \`${idFormatExample(newDocument.idFormat, now.toISOString().slice(0, 10))}\` (the template's format, \`${newDocument.idFormat}\`), or one copied from your incident tool such as \`INC-4521\`; **New Post-Mortem** fills in one that no post-mortem in the folder uses.`;
      }
      return `${capitalized(expectation(spec))}.`;
    default:
      return `${capitalized(expectation(spec))}; a note may follow it.`;
  }
}

function capitalized(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}
