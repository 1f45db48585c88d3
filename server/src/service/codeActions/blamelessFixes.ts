/** Quick fixes of blaming wording where the rewrite is mechanical: "failed to" -> "did not", an adverb of blame removed. */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { versionedEdit, wants, type CodeActionRequest } from './context';

interface BlamelessFix {
  start: number;
  end: number;
  newText: string;
  title: string;
}

export function blamelessFixActions(request: CodeActionRequest): CodeAction[] {
  if (!wants(request, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of request.diagnostics) {
    if (diagnostic.code !== 'blameless-language') continue;
    const fix = (diagnostic.data as { fix?: BlamelessFix } | undefined)?.fix;
    if (!fix || typeof fix.start !== 'number' || typeof fix.end !== 'number' || typeof fix.newText !== 'string') continue;
    const line = diagnostic.range.start.line;
    const text = request.analysis.doc.text.lines[line];
    // The finding must still be where it was: the line may have changed since.
    if (text === undefined || fix.end > text.length || !/\p{L}/u.test(text.slice(fix.start, fix.end))) continue;
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: versionedEdit(request, [{ range: { start: { line, character: fix.start }, end: { line, character: fix.end } }, newText: fix.newText }]),
    });
  }
  return actions;
}
