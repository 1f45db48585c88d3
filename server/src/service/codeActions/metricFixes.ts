/**
 * Quick fixes on a metric field: write the value the timeline gives ("Fill Duration: 1h 12m"),
 * on an unfilled field or in place of the figure that disagrees; and fill every unfilled metric
 * field at once when more than one is left ("Fill all response times from the timeline").
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { fillableMetrics, fillMetricsEdits, metricFieldEdit, metricText } from '../metrics/fill';
import { versionedEdit, wants, type CodeActionRequest } from './context';

export function metricFixActions(request: CodeActionRequest): CodeAction[] {
  if (!wants(request, CodeActionKind.QuickFix)) return [];
  const { analysis, range } = request;
  const { fields, values } = analysis.metrics;
  const actions: CodeAction[] = [];
  for (const field of fields) {
    const line = field.field.line;
    if (line < range.start.line || line > range.end.line) continue;
    const value = values.find((v) => v.spec === field.spec);
    if (!value) continue;
    const mismatch = request.diagnostics.filter((d) => d.code === 'metric-mismatch' && d.range.start.line === line);
    if (!field.unfilled && mismatch.length === 0) continue;
    const edit = metricFieldEdit(analysis, field, value);
    if (!edit) continue;
    actions.push({
      // The same words on an unfilled field and on a figure that disagrees (which it replaces).
      title: `Fill ${field.spec.field}: ${metricText(analysis, value)}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: mismatch.length ? mismatch : undefined,
      isPreferred: true,
      edit: versionedEdit(request, [edit]),
    });
    const all = fillableMetrics(analysis);
    if (field.unfilled && all.length > 1) {
      actions.push({ title: 'Fill all response times from the timeline', kind: CodeActionKind.QuickFix, edit: versionedEdit(request, fillMetricsEdits(analysis)) });
    }
  }
  return actions;
}
