/**
 * Runs the rules over an analysed post-mortem and turns their findings into LSP diagnostics,
 * with each rule's level from the settings.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { rules, type Rule, type RuleLevel } from './rules';

export const diagnosticSource = 'postmortem';

export interface DiagnosticOptions {
  /** Level per rule id; a rule left out keeps its default level. */
  levels?: Readonly<Record<string, RuleLevel | undefined>>;
  /** Base of the rule documentation links (`<base><rule-id>.md`). */
  docsBaseUri?: string;
}

const severities: Record<Exclude<RuleLevel, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function ruleLevel(rule: Rule, options: DiagnosticOptions): RuleLevel {
  const level = options.levels?.[rule.id];
  return level && (level === 'off' || level in severities) ? level : rule.defaultLevel;
}

export function computeDiagnostics(analysis: Analysis, options: DiagnosticOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    // A document too large to analyse has only its outline read: only the rules for it run.
    if ((analysis.tooLarge !== undefined) !== (rule.outline === true)) continue;
    const level = ruleLevel(rule, options);
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
    });
  }
  return diagnostics;
}
