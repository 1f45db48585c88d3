/** Quick fix for an Incident ID another post-mortem of the workspace has: the first free one of the incident's day. */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { versionedEdit, wants, type CodeActionRequest } from './context';

export function duplicateIdActions(request: CodeActionRequest): CodeAction[] {
  if (!wants(request, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of request.diagnostics) {
    if (diagnostic.code !== 'duplicate-incident-id') continue;
    const next = (diagnostic.data as { nextId?: unknown } | undefined)?.nextId;
    if (typeof next !== 'string' || !/^[\w.:#/-]+$/.test(next)) continue;
    const { line, character } = diagnostic.range.start;
    if (line < request.range.start.line || line > request.range.end.line) continue;
    // The edit replaces the ID as the document has it now (the diagnostic's range may be older).
    const text = request.analysis.doc.text.lines[line] ?? '';
    const written = text.slice(character, diagnostic.range.end.character);
    if (written.trim() === '' || /\s/.test(written)) continue;
    actions.push({
      title: `Change the Incident ID to ${next}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: versionedEdit(request, [{ range: diagnostic.range, newText: next }]),
    });
  }
  return actions;
}
