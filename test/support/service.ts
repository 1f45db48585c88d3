/** The service over the shipped template, and helpers to write tests as text in, text out. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createPostmortemService } from '../../server/src/service';

export const repoRoot = join(__dirname, '..', '..');
export const templateText = readFileSync(join(repoRoot, 'templates/postmortem/postmortem-template.md'), 'utf8');
export const schemaText = readFileSync(join(repoRoot, 'templates/postmortem/postmortem-template.schema.yaml'), 'utf8');
export const service = createPostmortemService(templateText, schemaText);

/**
 * Diagnostics of the untouched template: its 180 bracket placeholders and 6 blanks, but the 111
 * of them in its 22 example lists and tables (the timeline's 7 rows, `- [ ] [Action item] -
 * [Owner] - [Due date]` x3, ...) count once per list or table, and so do the example times of
 * the timeline's rows (counted on their own in test/unit/diagnostics.test.ts).
 */
export const templateDiagnosticCount = 186 - 111 + 22;

/** Applies LSP text edits (non-overlapping, any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (line: number, character: number) => {
    if (line >= starts.length) return text.length;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
    return Math.min(starts[line] + character, lineEnd);
  };
  const sorted = edits
    .map((e) => ({ start: offset(e.range.start.line, e.range.start.character), end: offset(e.range.end.line, e.range.end.character), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let previousStart = Infinity;
  for (const e of sorted) {
    if (e.end > previousStart) throw new Error('overlapping edits');
    result = result.slice(0, e.start) + e.text + result.slice(e.end);
    previousStart = e.start;
  }
  return result;
}

/** Edits of a workspace edit for one document (documentChanges or changes). */
export function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...(change.edits as TextEdit[]));
  }
  edits.push(...(edit.changes?.[uri] ?? []));
  return edits;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** Text with a `|` cursor marker: the text without it and the marker's position. */
export function withCursor(marked: string): { text: string; position: { line: number; character: number } } {
  const index = marked.indexOf('$|');
  if (index === -1) throw new Error('no $| cursor marker');
  const text = marked.slice(0, index) + marked.slice(index + 2);
  const before = text.slice(0, index).split(/\r\n|\r|\n/);
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** A small post-mortem: the template with a few fields filled, for focused tests. */
export function templateWith(replacements: Record<string, string>): string {
  let text = templateText;
  for (const [from, to] of Object.entries(replacements)) {
    if (!text.includes(from)) throw new Error(`template has no ${from}`);
    text = text.replace(from, to);
  }
  return text;
}
