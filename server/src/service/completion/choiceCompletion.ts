/**
 * Completion of a choice field's value (`**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]`): the allowed
 * values with their meaning; accepting one replaces the placeholder or the old value.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { mainSpan } from '../rules/fieldValues';

export function choiceCompletions(analysis: Analysis, position: Position): CompletionItem[] | undefined {
  const { doc } = analysis;
  const fieldIndex = doc.fieldOfLine.get(position.line);
  if (fieldIndex === undefined) return undefined;
  const spec = analysis.fieldSpec(fieldIndex);
  if (spec?.kind !== 'choice' || !spec.values) return undefined;
  const field = doc.fields[fieldIndex];
  const line = doc.text.lines[field.line];

  const hasPlaceholder = field.hasPlaceholder;
  const current = line.slice(field.valueStart, field.valueEnd);
  // Keep an author's note and emphasis around a real value: in "**HIGH** (halted trading)" only HIGH is replaced.
  const span = hasPlaceholder || current === '' ? { start: 0, end: current.length } : mainSpan(current);
  const valueStart = field.valueStart + span.start;
  let start = valueStart;
  let end = field.valueStart + span.end;
  // The range must hold the cursor; a cursor on the label completes the whole value.
  const onValue = position.character >= start && position.character <= end;
  const prefix = start > 0 && !/[\s*_]/.test(line[start - 1]) && start === end ? ' ' : '';
  if (!onValue && position.character > end) end = position.character;
  if (!onValue && position.character < start) {
    // On the label: insert at the value, but VS Code needs the range to contain the cursor.
    start = position.character;
  }
  const replaced = line.slice(start, end);
  const labelPart = line.slice(start, valueStart);

  return spec.values.map((choice, index) => ({
    label: choice.value,
    kind: CompletionItemKind.EnumMember,
    detail: `${field.label}`,
    documentation: choice.meaning ? { kind: MarkupKind.Markdown, value: `**${choice.value}**: ${choice.meaning}` } : undefined,
    sortText: String(index).padStart(4, '0'),
    // Whatever the cursor sits in (a placeholder, a label), every value stays in the list.
    filterText: hasPlaceholder || labelPart ? `${replaced}${choice.value}` : choice.value,
    preselect: index === 0 && hasPlaceholder ? true : undefined,
    textEdit: {
      range: { start: { line: field.line, character: start }, end: { line: field.line, character: end } },
      newText: `${labelPart}${prefix}${choice.value}`,
    },
  }));
}
