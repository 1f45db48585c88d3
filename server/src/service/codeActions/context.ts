/** What every code action provider gets, and the helpers to build versioned edits. */
import type { CodeAction, Command, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';

export interface CodeActionRequest {
  analysis: Analysis;
  uri: string;
  /** The document version the edits are computed from; clients drop edits for another version. */
  version: number;
  range: Range;
  /** Diagnostics the client sent with the request. */
  diagnostics: readonly Diagnostic[];
  /** Kinds the client asked for (`context.only`); undefined for all but source actions. */
  only?: readonly string[];
  /** Client command that moves the cursor, when the client offers one. */
  cursorCommand?: string;
  now: Date;
}

export function versionedEdit(request: CodeActionRequest, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: request.uri, version: request.version }, edits }] };
}

export function cursorTo(request: CodeActionRequest, line: number, character: number): Command | undefined {
  if (!request.cursorCommand) return undefined;
  return { title: 'Move the cursor', command: request.cursorCommand, arguments: [{ uri: request.uri, line, character }] };
}

/** The client's diagnostics of a rule that touch a line. */
export function diagnosticsOn(request: CodeActionRequest, rule: string, line: number): Diagnostic[] {
  return request.diagnostics.filter((d) => d.code === rule && d.range.start.line <= line && d.range.end.line >= line);
}

export function wants(request: CodeActionRequest, kind: string): boolean {
  if (!request.only) return !kind.startsWith('source');
  return request.only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export type Provider = (request: CodeActionRequest) => CodeAction[];
