/**
 * The incident's numbers as data, for the CLI's JSON and later the workspace's insights: the
 * start and end (ISO 8601 in UTC when the clock has a date), and each metric in seconds and as
 * text, with the ends it was measured between and whether they are certain.
 */
import type { Analysis } from '../analysis';
import { describePoint, type MetricPoint } from './incidentMetrics';
import { metricText } from './fill';

export interface MetricsReport {
  /** ISO 8601 (UTC) when the day is known, else null; `described`: "Date/Time's start", "Incident start (row 1, 14:02)". */
  start: { time: string | null; described: string } | null;
  end: { time: string | null; described: string } | null;
  metrics: {
    name: string;
    field: string;
    seconds: number;
    text: string;
    from: string;
    to: string;
    certain: boolean;
    /** What the field holds, or null when the document has no such field. */
    written: string | null;
  }[];
  /** Milestones an unfilled metric needs that no timeline row names. */
  missingMilestones: string[];
}

/** Keys from 1971 on have a date; without one a key counts from the incident's first day (0). */
const dated = 365 * 86400;

export function metricsReport(analysis: Analysis): MetricsReport {
  const { metrics } = analysis;
  const lines = analysis.doc.text.lines;
  const point = (p: MetricPoint | undefined) => (p ? { time: p.key >= dated ? new Date(p.key * 1000).toISOString().replace('.000Z', 'Z') : null, described: describePoint(p, lines) } : null);
  return {
    start: point(metrics.start),
    end: point(metrics.end),
    metrics: metrics.values
      .filter((v) => v.seconds >= 0)
      .map((v) => {
        const field = metrics.fields.find((f) => f.spec === v.spec);
        return {
          name: v.spec.name,
          field: v.spec.field,
          seconds: v.seconds,
          text: metricText(analysis, v),
          from: describePoint(v.from, lines),
          to: describePoint(v.to, lines),
          certain: v.certain,
          written: field ? (field.unfilled ? '' : field.raw) : null,
        };
      }),
    missingMilestones: [...new Set(metrics.missing.map((m) => m.milestone))],
  };
}
