/**
 * The post-mortem language service over a template model: plain functions over a document's
 * text, with no LSP connection. The server imports it from here; index.ts adds reading a
 * template's schema from YAML, which the server's bundle leaves out.
 */
import type { CodeAction, CompletionList, Diagnostic, Hover, InlayHint, Position, Range, SelectionRange, TextEdit } from 'vscode-languageserver-types';
import { analyze, type Analysis, type AnalysisOptions } from './analysis';
import { getCodeActions, type CodeActionRequest } from './codeActions';
import { getCompletions, type CompletionContext } from './completion';
import { getHover } from './hover';
import { frontMatterFlagEdits, reviewStatusEdits } from './create/frontMatter';
import { createNewDocument, type NewDocument, type NewDocumentInput } from './create/newDocument';
import { computeDiagnostics, type DiagnosticOptions } from './diagnostics';
import type { Detection } from './document/detection';
import { metricsLens, type MetricsLens } from './metrics/codeLens';
import { fillMetricsEdits } from './metrics/fill';
import { metricInlayHints } from './metrics/inlayHints';
import { metricsReport, type MetricsReport } from './metrics/report';
import { cellStep, gapSections, gapStep, placeholderAt, selectionRanges, type GapSection, type GapStep } from './navigation/gaps';
import { readiness, type Readiness } from './review/readiness';
import { DocumentSession } from './session';
import { isGapFinding, statusOf, type PostmortemStatus } from './status';
import type { TemplateModel } from './template/templateModel';
import type { LineText } from './text/lines';

export interface PostmortemService {
  readonly template: TemplateModel;
  /** A document as an editor keeps it open: edited in place, analysed once per version (see session.ts). */
  open(text: string): DocumentSession;
  /** Text, or lines kept by an EditableText (then only lines changed since the last call are examined again). */
  analyze(text: string | LineText, options?: AnalysisOptions): Analysis;
  diagnostics(analysis: Analysis, options?: DiagnosticOptions): Diagnostic[];
  /**
   * `triggerCharacter`: the character typed that asked for them (none: Ctrl+Space); snippets come
   * only when asked. `context`: what the workspace knows (the owners its post-mortems name).
   */
  completions(analysis: Analysis, position: Position, now?: Date, triggerCharacter?: string, context?: CompletionContext): CompletionList | null;
  /** What the field under the cursor expects (its allowed values with their meaning). */
  hover(analysis: Analysis, position: Position, now?: Date): Hover | null;
  codeActions(request: Omit<CodeActionRequest, 'now'> & { now?: Date }): CodeAction[];
  /** Each timeline row's offset from the incident's start, and the values of unfilled metric fields, on the lines of `range`. */
  inlayHints(analysis: Analysis, range: Range): InlayHint[];
  /** The incident's numbers above the timeline, if the timeline gives any (the server adds the fill command). */
  metricsLens(analysis: Analysis): MetricsLens | undefined;
  /** The edits that fill every unfilled metric field with the value the timeline gives. */
  fillMetrics(analysis: Analysis): TextEdit[];
  /** The incident's start, end and metrics as data (the CLI's JSON). */
  metrics(analysis: Analysis): MetricsReport;
  newDocument(input: NewDocumentInput): NewDocument;
  /** The edits that write `postmortem: true` (or false) into the document's front matter. */
  frontMatterFlagEdits(analysis: Analysis, value: boolean): TextEdit[];
  /** The next (or previous) gap from a selection: a placeholder selected whole, or where an empty field's value goes. */
  gapStep(analysis: Analysis, selection: Range, direction: 'next' | 'previous'): GapStep | null;
  /** The next (or previous) cell of the table row at a position, its content selected. */
  cellStep(analysis: Analysis, position: Position, direction: 'next' | 'previous'): Range | null;
  /** The placeholder at a position, for a double-click to select whole. */
  placeholderAt(analysis: Analysis, position: Position): Range | null;
  selectionRanges(analysis: Analysis, positions: readonly Position[]): SelectionRange[];
  /** What is left to fill per top-level section (`diagnostics`: those shown), with each one's first gap. */
  gapSections(analysis: Analysis, diagnostics: readonly Diagnostic[]): GapSection[];
  /** Whether it can move to the review status (nothing required left), and the edit that moves it. */
  readiness(analysis: Analysis, options?: Pick<DiagnosticOptions, 'levels'>): Readiness | null;
  /** The review status written into the front matter (`status: in-review`); none without statuses in the schema. */
  reviewStatusEdits(analysis: Analysis, status: string): TextEdit[];
  /** What the status bar shows: checked or not, why, and what is left (`diagnostics`: those shown). */
  status(analysis: Analysis, detection: Detection, diagnostics: readonly Diagnostic[]): PostmortemStatus;
}

/**
 * The service over a template model (see templateModelOf): the server makes its model from the
 * default schema's data, so its bundle needs no YAML parser.
 */
export function serviceFor(template: TemplateModel): PostmortemService {
  return {
    template,
    open: (text) => new DocumentSession(template, text),
    analyze: (text, options) => analyze(text, template, options),
    diagnostics: (analysis, options) => computeDiagnostics(analysis, options),
    completions: (analysis, position, now = new Date(), triggerCharacter, context) => getCompletions(analysis, position, now, triggerCharacter, context),
    hover: (analysis, position, now = new Date()) => getHover(analysis, position, now),
    codeActions: (request) => getCodeActions({ ...request, now: request.now ?? new Date() }),
    inlayHints: (analysis, range) => metricInlayHints(analysis, range),
    metricsLens: (analysis) => metricsLens(analysis),
    fillMetrics: (analysis) => fillMetricsEdits(analysis),
    metrics: (analysis) => metricsReport(analysis),
    newDocument: (input) => createNewDocument(template, input),
    frontMatterFlagEdits: (analysis, value) => frontMatterFlagEdits(analysis, value),
    reviewStatusEdits: (analysis, status) => reviewStatusEdits(analysis, status),
    gapStep: (analysis, selection, direction) => gapStep(analysis, selection, direction),
    cellStep: (analysis, position, direction) => cellStep(analysis, position, direction),
    placeholderAt: (analysis, position) => placeholderAt(analysis, position),
    selectionRanges: (analysis, positions) => selectionRanges(analysis, positions),
    gapSections: (analysis, diagnostics) => gapSections(analysis, diagnostics.filter(isGapFinding)),
    readiness: (analysis, options) => readiness(analysis, options),
    status: statusOf,
  };
}

export { rules } from './rules';
export { completionTriggerCharacters } from './completion';
export { codeActionKinds } from './codeActions';
export { diagnosticSource, type DiagnosticOptions } from './diagnostics';
export { SchemaError } from './template/schema';
export type { Analysis, AnalysisOptions } from './analysis';
export type { GapSection, GapStep } from './navigation/gaps';
export type { Readiness } from './review/readiness';
export type { DateOrder } from './values';
export { classify, describeDetection, type Detection, type PlaceHints } from './document/detection';
export { EditableText } from './text/editableText';
export { DocumentSession } from './session';
export { maxDocumentLength } from './limits';
export type { PostmortemStatus } from './status';
export type { MetricsLens } from './metrics/codeLens';
export type { MetricsReport } from './metrics/report';
export type { RuleLevel } from './rules';
