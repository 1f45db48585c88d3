/**
 * What a rule is: one check over an analysed post-mortem, with the metadata the settings, the
 * documentation and the diagnostics are made from.
 */
import type { RuleLevel } from '../../../../common/protocol';
import type { Analysis } from '../analysis';

export interface Finding {
  line: number;
  start: number;
  end: number;
  /** Last line of the range, when it spans several. */
  endLine?: number;
  message: string;
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
  check(analysis: Analysis, report: (finding: Finding) => void): void;
}

export interface RuleExamples {
  /** A field's label, or `Timeline` for the Time cell of a timeline row. */
  field: string;
  accepted: string[];
  rejected: string[];
}
