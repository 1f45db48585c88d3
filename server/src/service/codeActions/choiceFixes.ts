/**
 * Quick fixes on a choice field that is unfilled or has a value outside its list: one action
 * per allowed value ("Set Severity to HIGH").
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { filledValue, matchChoice } from '../rules/fieldValues';
import { replaceableValueSpan } from '../rules/valueSpan';
import { diagnosticsOn, versionedEdit, wants, type CodeActionRequest } from './context';

export function choiceFixActions(request: CodeActionRequest): CodeAction[] {
  if (!wants(request, CodeActionKind.QuickFix)) return [];
  const { analysis } = request;
  const { doc } = analysis;
  const actions: CodeAction[] = [];
  for (let line = request.range.start.line; line <= request.range.end.line; line++) {
    const index = doc.fieldOfLine.get(line);
    if (index === undefined) continue;
    const spec = analysis.fieldSpec(index);
    if (spec?.kind !== 'choice' || !spec.values) continue;
    const value = filledValue(analysis, index);
    if (value !== undefined && matchChoice(value, spec.values)) continue;
    const field = doc.fields[index];
    // Keep a note after a wrong value ("SEV1 (pager)") and its emphasis; replace a placeholder.
    const { start, end, prefix, suffix } = replaceableValueSpan(analysis, index);
    const diagnostics = [
      ...diagnosticsOn(request, 'invalid-choice', line),
      ...diagnosticsOn(request, 'unfilled-placeholder', line),
    ];
    for (const choice of spec.values) {
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
