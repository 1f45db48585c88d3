/**
 * Completion of a choice field's value (`**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]`): the allowed
 * values with their meaning; accepting one replaces the placeholder or the old value.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { replaceableValueSpan } from '../values/replaceSpan';

export function choiceCompletions(analysis: Analysis, position: Position): CompletionItem[] | undefined {
  const { doc } = analysis;
  const fieldIndex = doc.fieldOfLine.get(position.line);
  if (fieldIndex === undefined) return undefined;
  const spec = analysis.fieldSpec(fieldIndex);
  if (spec?.kind !== 'choice' || !spec.values) return undefined;
  const field = doc.fields[fieldIndex];
  const line = doc.text.lines[field.line];

  const hasPlaceholder = field.hasPlaceholder;
  const { start: valueStart, end: valueEnd, prefix, suffix } = replaceableValueSpan(analysis, fieldIndex);
  const cursor = position.character;
  // VS Code needs the range to hold the cursor. On the label, the range starts at the cursor
  // and the label's text is written back; in a note after the value, the range ends at the
  // cursor and the note's text up to it is written back, so no character of either is lost.
  const start = Math.min(cursor, valueStart);
  const end = Math.max(cursor, valueEnd);
  const labelPart = line.slice(start, valueStart);
  let notePart = line.slice(valueEnd, end);
  if (line.slice(end).trim() === '') notePart = notePart.trimEnd();
  const replaced = line.slice(start, end);

  return spec.values.map((choice, index) => ({
    label: choice.value,
    kind: CompletionItemKind.EnumMember,
    detail: `${field.label}`,
    documentation: choice.meaning ? { kind: MarkupKind.Markdown, value: `**${choice.value}**: ${choice.meaning}` } : undefined,
    sortText: String(index).padStart(4, '0'),
    // Whatever the cursor sits in (a placeholder, a label), every value stays in the list.
    filterText: hasPlaceholder || replaced !== line.slice(valueStart, valueEnd) ? `${replaced}${choice.value}` : choice.value,
    preselect: index === 0 && hasPlaceholder ? true : undefined,
    textEdit: {
      range: { start: { line: field.line, character: start }, end: { line: field.line, character: end } },
      newText: `${labelPart}${prefix}${choice.value}${suffix}${notePart}`,
    },
  }));
}
