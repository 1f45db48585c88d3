/**
 * Quick fixes on a choice field that is unfilled or holds none of its values: one action per
 * allowed value ("Set Severity to HIGH"); and on a value written with an alias, one that writes
 * the template's value instead ("Write CRITICAL").
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { replaceableValueSpan } from '../values/replaceSpan';
import { diagnosticsOn, versionedEdit, wants, type CodeActionRequest } from './context';

export function choiceFixActions(request: CodeActionRequest): CodeAction[] {
  if (!wants(request, CodeActionKind.QuickFix)) return [];
  const { analysis } = request;
  const { doc } = analysis;
  const actions: CodeAction[] = [];
  for (let line = request.range.start.line; line <= request.range.end.line; line++) {
    const index = doc.fieldOfLine.get(line);
    if (index === undefined) continue;
    const value = analysis.fieldValue(index);
    if (value?.spec.kind !== 'choice' || !value.spec.values) continue;
    const { reading } = value;
    if (reading.state === 'ok') {
      if (!reading.choice?.alias) continue;
      const diagnostics = diagnosticsOn(request, 'choice-alias', line);
      actions.push({
        title: `Write ${reading.choice.choice.value}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostics.length ? diagnostics : undefined,
        isPreferred: true,
        edit: versionedEdit(request, [
          {
            range: { start: { line, character: value.start + reading.choice.start }, end: { line, character: value.start + reading.choice.end } },
            newText: reading.choice.choice.value,
          },
        ]),
      });
      continue;
    }
    const field = doc.fields[index];
    // Keep a note after a wrong value ("Hardware (disk)") and its emphasis; replace a placeholder.
    const { start, end, prefix, suffix } = replaceableValueSpan(analysis, index);
    const diagnostics = [
      ...diagnosticsOn(request, 'invalid-choice', line),
      ...diagnosticsOn(request, 'unfilled-placeholder', line),
    ];
    for (const choice of value.spec.values) {
      actions.push({
        title: `Set ${field.label} to ${choice.value}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostics.length ? diagnostics : undefined,
        edit: versionedEdit(request, [
          {
            range: { start: { line, character: start }, end: { line, character: end } },
            newText: prefix + choice.value + suffix,
          },
        ]),
      });
    }
  }
  return actions;
}
