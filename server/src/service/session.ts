/**
 * One open document, as an editor edits it: its lines, edited in place; what was learned of each
 * line by the last analysis; and the analysis and diagnostics of its current text. The session
 * is the one owner of these caches and knows when each is stale: an edit drops the facts of the
 * lines it touched and the analysis; other analysis options or rule levels drop the results made
 * under the old ones. A session belongs to one service (one template): the facts hold that
 * template's placeholders and fields, so another template means new sessions (`reopen`).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze, type Analysis, type AnalysisOptions } from './analysis';
import { computeDiagnostics, todayOf, type DiagnosticOptions } from './diagnostics';
import { maxDocumentLength } from './limits';
import type { ActionItemsMemo } from './actionItems/read';
import type { PlacementMemo } from './document/clock';
import type { LineFactsMemo } from './document/parse';
import type { TemplateModel } from './template/templateModel';
import { EditableText, splice, type ContentChange } from './text/editableText';
import type { LineText } from './text/lines';

export class DocumentSession {
  private readonly editable: EditableText;
  private facts: LineFactsMemo;
  private placement: PlacementMemo = {};
  private actionItems: ActionItemsMemo = {};
  /** Bumped by every edit: what was made of an older text is stale. */
  private generation = 0;
  private analysed: { generation: number; dateOrder: string; analysis: Analysis } | undefined;
  private diagnosed: { analysis: Analysis; levelsKey: string; docsBaseUri: string | undefined; diagnostics: Diagnostic[] } | undefined;

  constructor(
    readonly template: TemplateModel,
    text: string,
  ) {
    this.editable = new EditableText(text);
    this.facts = new Array(this.editable.lines.length);
  }

  /** The current text's lines (read only: edits go through `apply`). */
  get text(): LineText {
    return this.editable;
  }

  /** Characters in the text, line breaks included. */
  get length(): number {
    return this.editable.length;
  }

  get tooLarge(): boolean {
    return this.editable.length > maxDocumentLength;
  }

  /** Lines whose facts are known from an earlier analysis (what an edit keeps). */
  get knownLines(): number {
    let known = 0;
    for (const facts of this.facts) if (facts !== undefined) known++;
    return known;
  }

  /** Whether it holds anything derived from its text (facts, an analysis, diagnostics) that `release` would drop. */
  get holdsDerived(): boolean {
    return this.analysed !== undefined || this.diagnosed !== undefined || this.knownLines > 0;
  }

  /**
   * Drops what was derived from the text (the line facts, the timeline's placement, the analysis
   * and the diagnostics) and keeps the text. The next request derives them again, as for a text
   * just opened. For a document that stays open but is not being worked on: what is derived is
   * several times the text (facts of every line, diagnostics), and rebuilding it takes a few
   * milliseconds for a post-mortem of usual size. Its lines are copied out of the text they were
   * cut from, which is then freed (EditableText.compact).
   */
  release(): void {
    this.facts = new Array(this.editable.lines.length);
    this.placement = {};
    this.actionItems = {};
    this.analysed = undefined;
    this.diagnosed = undefined;
    this.editable.compact();
  }

  getText(): string {
    return this.editable.getText();
  }

  /** Applies LSP content changes in order (each relative to the text the ones before left). */
  apply(changes: readonly ContentChange[]): void {
    for (const change of changes) {
      const { first, removed, added } = this.editable.apply(change);
      // The lines left unchanged keep their facts; the new ones are read at the next analysis.
      this.facts = removed === this.facts.length && first === 0 ? new Array(added) : splice(this.facts, first, removed, new Array(added));
    }
    this.generation++;
  }

  /**
   * The analysis of the current text, made once per text and options and shared by every
   * feature. A document too large to analyse gets the analysis of its outline (its front matter
   * and headings), which says whether it is a post-mortem and holds nothing else to check.
   */
  analysis(options: AnalysisOptions = {}): Analysis {
    const dateOrder = options.dateOrder ?? 'auto';
    const cached = this.analysed;
    if (cached && cached.generation === this.generation && cached.dateOrder === dateOrder) return cached.analysis;
    const analysis = this.tooLarge ? analyzeOutline(this.editable, this.template, this.editable.length) : analyze(this.editable, this.template, { dateOrder }, this.facts, this.placement, this.actionItems);
    this.analysed = { generation: this.generation, dateOrder, analysis };
    return analysis;
  }

  /** The diagnostics of an analysis of this session's (the latest), made once per analysis and rule levels. */
  diagnostics(analysis: Analysis, options: DiagnosticOptions = {}): Diagnostic[] {
    // Today is part of it: an open item becomes overdue overnight.
    const levelsKey = JSON.stringify([options.levels ?? {}, options.status ?? null, todayOf(options.today), options.workspace ? (options.workspace.generation ?? NaN) : null]);
    const cached = this.diagnosed;
    if (cached && cached.analysis === analysis && cached.levelsKey === levelsKey && cached.docsBaseUri === options.docsBaseUri) return cached.diagnostics;
    const diagnostics = computeDiagnostics(analysis, options);
    this.diagnosed = { analysis, levelsKey, docsBaseUri: options.docsBaseUri, diagnostics };
    return diagnostics;
  }
}

/**
 * The analysis of a too-large document's outline: its front matter and the lines that may be
 * headings, with every other line blank, so the one detection reads its sections (and the
 * document-too-large rule reports it) without the cost of reading the rest.
 */
function analyzeOutline(text: LineText, template: TemplateModel, length: number): Analysis {
  const lines = text.lines;
  const outline = new Array<string>(lines.length);
  let frontMatter = lines[0] === '---';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (frontMatter) {
      outline[i] = line;
      if (i > 0 && (line === '---' || line === '...')) frontMatter = false;
    } else outline[i] = /^ {0,3}#/.test(line) ? line : '';
  }
  return analyze({ lines: outline, eol: text.eol }, template, { tooLarge: length });
}
