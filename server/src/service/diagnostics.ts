/**
 * Runs the rules over an analysed post-mortem and turns their findings into LSP diagnostics,
 * with each rule's level from the settings and the post-mortem's review status.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { reviewStatusOf, type Analysis } from './analysis';
import { rules, type Rule, type RuleLevel, type WorkspaceFacts } from './rules';
import { unfilledGroup, type ReviewStatusSpec } from './template/schema';
import { dayNumber } from './values/date';

export const diagnosticSource = 'postmortem';

export interface DiagnosticOptions {
  /** Level per rule id; a rule left out keeps its default level. */
  levels?: Readonly<Record<string, RuleLevel | undefined>>;
  /** Base of the rule documentation links (`<base><rule-id>.md`). */
  docsBaseUri?: string;
  /** Check as at this review status, whatever the front matter says (`postmortem-check --status final`). */
  status?: string;
  /** Today's date (YYYY-MM-DD), for the overdue action items; by default the local date now. */
  today?: string;
  /** The workspace's other post-mortems, for the cross-file rules (duplicate Incident IDs); none: they report nothing. */
  workspace?: WorkspaceFacts;
}

/** Today as days since 1970: the date given (YYYY-MM-DD), else the local date now. */
export function todayOf(today: string | undefined, now = new Date()): number {
  const m = today === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (m) return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  return dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

const severities: Record<Exclude<RuleLevel, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A rule's level: the setting's (`postmortem.rules`, `--rule`), else the review status's (by the
 * rule's id, or its group), else the rule's own.
 */
export function ruleLevel(rule: Rule, options: DiagnosticOptions, status?: ReviewStatusSpec): RuleLevel {
  const level = options.levels?.[rule.id];
  if (level && (level === 'off' || level in severities)) return level;
  return status?.levels[rule.id] ?? (rule.gap ? status?.levels[unfilledGroup] : undefined) ?? rule.defaultLevel;
}

/** The review status a document is checked at: the one asked for, else its front matter's. */
export function checkedStatus(analysis: Analysis, options: DiagnosticOptions): ReviewStatusSpec | undefined {
  return options.status !== undefined ? reviewStatusOf(analysis.template, options.status) : analysis.reviewStatus;
}

export function computeDiagnostics(analysis: Analysis, options: DiagnosticOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const status = checkedStatus(analysis, options);
  const context = { today: todayOf(options.today), workspace: options.workspace };
  for (const rule of rules) {
    // A document too large to analyse has only its outline read: only the rules for it run.
    if ((analysis.tooLarge !== undefined) !== (rule.outline === true)) continue;
    const level = ruleLevel(rule, options, status);
    if (level === 'off') continue;
    const severity = severities[level];
    const code = rule.id;
    const codeDescription = options.docsBaseUri ? { href: `${options.docsBaseUri}${rule.id}.md` } : undefined;
    rule.check(analysis, (finding) => {
      const diagnostic: Diagnostic = {
        range: {
          start: { line: finding.line, character: finding.start },
          end: { line: finding.endLine ?? finding.line, character: finding.end },
        },
        // Severities grow less severe upward: Error 1 ... Hint 4.
        severity: finding.atMost ? (Math.max(severity, severities[finding.atMost]) as DiagnosticSeverity) : severity,
        source: diagnosticSource,
        code,
        message: finding.message,
      };
      if (codeDescription) diagnostic.codeDescription = codeDescription;
      if (finding.data) diagnostic.data = { rule: rule.id, ...finding.data };
      diagnostics.push(diagnostic);
    }, context);
  }
  return diagnostics;
}
