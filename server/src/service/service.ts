/**
 * The post-mortem language service over a template model: plain functions over a document's
 * text, with no LSP connection. The server imports it from here; index.ts adds reading a
 * template's schema from YAML, which the server's bundle leaves out.
 */
import type { CodeAction, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { analyze, type Analysis } from './analysis';
import { getCodeActions, type CodeActionRequest } from './codeActions';
import { getCompletions } from './completion';
import { getHover } from './hover';
import { createNewDocument, type NewDocument, type NewDocumentInput } from './create/newDocument';
import { computeDiagnostics, type DiagnosticOptions } from './diagnostics';
import type { TemplateModel } from './template/templateModel';
import type { LineText } from './text/lines';

export interface PostmortemService {
  readonly template: TemplateModel;
  /** Text, or lines kept by an EditableText (then only lines changed since the last call are examined again). */
  analyze(text: string | LineText): Analysis;
  diagnostics(analysis: Analysis, options?: DiagnosticOptions): Diagnostic[];
  completions(analysis: Analysis, position: Position, now?: Date): CompletionList | null;
  /** What the field under the cursor expects (its allowed values with their meaning). */
  hover(analysis: Analysis, position: Position): Hover | null;
  codeActions(request: Omit<CodeActionRequest, 'now'> & { now?: Date }): CodeAction[];
  newDocument(input: NewDocumentInput): NewDocument;
}

/**
 * The service over a template model (see templateModelOf): the server makes its model from the
 * default schema's data, so its bundle needs no YAML parser.
 */
export function serviceFor(template: TemplateModel): PostmortemService {
  return {
    template,
    analyze: (text) => analyze(text, template),
    diagnostics: (analysis, options) => computeDiagnostics(analysis, options),
    completions: (analysis, position, now = new Date()) => getCompletions(analysis, position, now),
    hover: (analysis, position) => getHover(analysis, position),
    codeActions: (request) => getCodeActions({ ...request, now: request.now ?? new Date() }),
    newDocument: (input) => createNewDocument(template, input),
  };
}

export { rules } from './rules';
export { completionTriggerCharacters } from './completion';
export { codeActionKinds } from './codeActions';
export { diagnosticSource, type DiagnosticOptions } from './diagnostics';
export { SchemaError } from './template/schema';
export type { Analysis } from './analysis';
export { EditableText } from './text/editableText';
