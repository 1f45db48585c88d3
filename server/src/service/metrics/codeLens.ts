/**
 * The code lens above the timeline: the incident's numbers in one line ("Duration 1h 12m ·
 * detection 5m · diagnosis 17m"), which fills every unfilled metric field when clicked. The
 * service says where and what; the server adds the command (it knows the document's URI).
 */
import type { Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { fillableMetrics, metricText } from './fill';

export interface MetricsLens {
  range: Range;
  title: string;
  /** How many metric fields a click fills in. */
  fillable: number;
}

export function metricsLens(analysis: Analysis): MetricsLens | undefined {
  const { timeline, metrics } = analysis;
  if (!timeline) return undefined;
  const shown = metrics.values.filter((v) => v.seconds >= 0);
  if (shown.length === 0) return undefined;
  const heading = analysis.doc.headings[timeline.section];
  const fillable = fillableMetrics(analysis).length;
  const figures = shown.map((v) => `${v.spec.name} ${metricText(analysis, v)}`).join(' · ');
  return {
    range: { start: { line: heading.line, character: 0 }, end: { line: heading.line, character: 0 } },
    title: fillable ? `${figures} — fill ${fillable} field${fillable === 1 ? '' : 's'}` : figures,
    fillable,
  };
}
