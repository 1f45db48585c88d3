/**
 * What the status bar says of a Markdown document: checked as a post-mortem or not, why, and
 * what is left to do, from the one detection and the diagnostics the editor shows.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { describeDetection, type Detection } from './document/detection';
import { rules } from './rules';

export interface PostmortemStatus {
  /** Checked as a post-mortem. */
  checked: boolean;
  /** Why (or why not), in a sentence: which detection rule decided. */
  reason: string;
  /** Unfilled placeholders, fields, cells and sections. */
  toFill: number;
  errors: number;
  warnings: number;
  /** Too large to check: only its outline was read. */
  tooLarge?: boolean;
  /** The front-matter key that turns the checks on or off (`postmortem`). */
  frontMatterKey: string;
  /** Its review status (`draft`), when its front matter gives one of the template's. */
  reviewStatus?: string;
  /** The bracket texts of its placeholders (`START TIME`), each once, and whether it has blanks (`____`): what the Markdown preview marks. */
  placeholders?: { texts: string[]; blanks: boolean };
}

/** The rules whose findings are something still to write. */
const gapRules: ReadonlySet<string> = new Set(rules.filter((r) => r.gap).map((r) => r.id));

/** A diagnostic of something still to write (what "N to fill" counts). */
export function isGapFinding(diagnostic: Diagnostic): boolean {
  return gapRules.has(String(diagnostic.code));
}

/** `diagnostics`: what the document is shown (none when it is not checked). */
export function statusOf(analysis: Analysis, detection: Detection, diagnostics: readonly Diagnostic[]): PostmortemStatus {
  const frontMatterKey = analysis.template.schema.detection.frontMatterKey;
  const reason = describeDetection(detection, analysis);
  const tooLarge = analysis.tooLarge !== undefined ? { tooLarge: true } : {};
  if (!detection.postmortem) return { checked: false, reason, toFill: 0, errors: 0, warnings: 0, frontMatterKey, ...tooLarge };
  let toFill = 0;
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (isGapFinding(d)) toFill++;
    if (d.severity === DiagnosticSeverity.Error) errors++;
    else if (d.severity === DiagnosticSeverity.Warning) warnings++;
  }
  const review = analysis.reviewStatus ? { reviewStatus: analysis.reviewStatus.name } : {};
  const texts = new Set<string>();
  let blanks = false;
  for (const p of analysis.doc.placeholders) {
    if (p.kind === 'blank') blanks = true;
    else texts.add(p.text);
  }
  const placeholders = { placeholders: { texts: [...texts], blanks } };
  return { checked: true, reason: tooLarge.tooLarge ? `${reason} It is too large to check: only its outline was read.` : reason, toFill, errors, warnings, frontMatterKey, ...tooLarge, ...review, ...placeholders };
}
