/**
 * Mark Ready for Review: whether nothing required is left to fill at the status a post-mortem
 * moves to (the schema's `review.ready`, `in-review` for the shipped template), and if so the edit
 * that moves it there; if not, what is left, per section.
 */
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { reviewStatusEdits } from '../create/frontMatter';
import { computeDiagnostics, type DiagnosticOptions } from '../diagnostics';
import { gapSections, type GapSection } from '../navigation/gaps';
import { isGapFinding } from '../status';

export interface Readiness {
  /** The status it moves to. */
  status: string;
  /** The status it is at now, as the front matter writes it (undefined: none). */
  from: string | undefined;
  /** Nothing required is left: `edits` move it. */
  ready: boolean;
  /** What is left to fill, per section, and in all. */
  left: GapSection[];
  toFill: number;
  edits: TextEdit[];
}

/** Null when the template has no status to move to. */
export function readiness(analysis: Analysis, options: Pick<DiagnosticOptions, 'levels'> = {}): Readiness | null {
  const target = analysis.template.schema.review?.ready;
  if (!target) return null;
  // What is left is what the checks at that status make an error: the user's levels still count.
  const required = computeDiagnostics(analysis, { levels: options.levels, status: target }).filter((d: Diagnostic) => isGapFinding(d) && d.severity === DiagnosticSeverity.Error);
  const ready = required.length === 0;
  return {
    status: target,
    from: analysis.doc.frontMatterStatus?.value,
    ready,
    left: gapSections(analysis, required),
    toFill: required.length,
    edits: ready ? reviewStatusEdits(analysis, target) : [],
  };
}
