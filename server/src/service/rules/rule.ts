/**
 * What a rule is: one check over an analysed post-mortem, with the metadata the settings, the
 * documentation and the diagnostics are made from.
 */
import type { Analysis } from '../analysis';
import type { Level } from '../template/schema';

/** How a rule's findings are shown (`off`: not at all); the `postmortem.rules` setting's values. */
export type RuleLevel = Level;
export { levels as ruleLevels } from '../template/schema';

export interface Finding {
  line: number;
  start: number;
  end: number;
  /** Last line of the range, when it spans several. */
  endLine?: number;
  message: string;
  /**
   * The most severe level it is shown at, whatever the rule's: what it rests on is not certain
   * (a milestone named in other words, or by several rows) or the author says otherwise.
   */
  atMost?: 'information' | 'hint';
  /** What quick fixes need to know (kept in the diagnostic's `data`). */
  data?: Record<string, unknown>;
}

export interface Rule {
  /** Stable id: the diagnostic `code` and the key in the `postmortem.rules` setting. */
  id: string;
  defaultLevel: Exclude<RuleLevel, 'off'>;
  /** One line, for settings and the rule list. */
  description: string;
  /**
   * Values the rule accepts and rejects, in a field of the shipped template or its timeline's
   * Time column: listed on the rule's page, and checked by a test (test/unit/ruleDocs.test.ts).
   */
  examples?: RuleExamples | RuleExamples[];
  /** Its findings are something still to write, not something wrong: they count as "to fill". */
  gap?: true;
  /** It checks a document too large to analyse, from its outline (the other rules skip it). */
  outline?: true;
  check(analysis: Analysis, report: (finding: Finding) => void, context: RuleContext): void;
}

/** What a rule may need beyond the document. */
export interface RuleContext {
  /** Today, as days since 1970 (the overdue action items'). */
  today: number;
  /** What the workspace's other post-mortems say (the workspace index's), when the caller knows. */
  workspace?: WorkspaceFacts;
}

/** What the rules may ask of the workspace's other post-mortems. */
export interface WorkspaceFacts {
  /** Moves when the answers below may have changed: diagnostics made with older facts are stale. */
  generation?: number;
  /** The other post-mortems (workspace-relative paths or URIs) whose Incident ID is `id`. */
  filesWithId(id: string): readonly string[];
  /** Every Incident ID in the workspace, for a fix to pick a free one. */
  ids(): ReadonlySet<string>;
}

export interface RuleExamples {
  /** A field's label, or `Timeline` for the Time cell of a timeline row. */
  field: string;
  accepted: string[];
  rejected: string[];
}
