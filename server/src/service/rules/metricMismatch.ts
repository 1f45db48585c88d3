import { metricText } from '../metrics/fill';
import { compareWritten, describeMilestone, describeRoute } from '../metrics/incidentMetrics';
import { formatDuration } from '../values/duration';
import type { Rule } from './rule';

export const metricMismatch: Rule = {
  id: 'metric-mismatch',
  defaultLevel: 'warning',
  description: "A Duration or time-to-X field, or Date/Time, disagrees with the timeline's milestones.",
  check(analysis, report) {
    const metrics = analysis.metrics;
    const lines = analysis.doc.text.lines;
    for (const field of metrics.fields) {
      if (field.unfilled) continue;
      const value = metrics.values.find((v) => v.spec === field.spec);
      if (!value || value.seconds < 0) continue;
      // A field with no figure in it ("immediately", "a few minutes") says nothing to compare.
      const { agrees, closest } = compareWritten(field, value);
      if (!closest || agrees) continue;
      const written = field.raw.slice(closest.start, closest.end);
      report({
        line: field.field.line,
        start: field.field.valueStart,
        end: field.field.valueEnd,
        message: `${field.spec.field} says ${written}, but the timeline gives ${metricText(analysis, value)}: ${describeRoute(value, lines)}`,
        // The author measured it their own way, and says so ("from the page to the fix", "09:19 to 09:34").
        atMost: explainsInterval(field.raw) ? 'hint' : value.certain ? undefined : 'information',
        data: { metric: field.spec.name, seconds: value.seconds },
      });
    }
    // Date/Time against the milestones that start and end the incident. Rows before the start
    // (the lead-up) and after the restoration (the follow-up) are not compared.
    const dateTime = analysis.doc.fields.findIndex((_, k) => analysis.fieldSpec(k)?.kind === 'datetime');
    // A Date/Time that is wrong in itself (it ends before it starts) is reported as that.
    if (dateTime === -1 || analysis.fieldValue(dateTime)?.reading.state !== 'ok') return;
    const field = analysis.doc.fields[dateTime];
    const spec = analysis.template.schema.metrics;
    const ends = [
      [metrics.dateTimeStart, spec?.start, 'starts'],
      [metrics.dateTimeEnd, spec?.end, 'ends'],
    ] as const;
    for (const [point, milestone, verb] of ends) {
      const row = milestone === undefined ? undefined : metrics.milestones.get(milestone);
      // With a row out of order nothing is measured from the timeline (incidentMetrics.ts).
      if (!point || !row || row.outOfOrder) continue;
      const difference = point.key - row.key;
      if (Math.abs(difference) <= 60) continue;
      report({
        line: field.line,
        start: field.valueStart,
        end: field.valueEnd,
        message: `Date/Time ${verb} ${formatDuration(Math.abs(difference))} ${difference > 0 ? 'after' : 'before'} the timeline's ${describeMilestone(row, lines)}`,
        // Authors bound Date/Time by what they saw (the first error, the incident closed), the
        // milestones by what happened: worth a look, not a fault.
        atMost: 'information',
        data: { milestone },
      });
    }
  },
};


/** A value that says what it measures from or to: "2 minutes from the failover to the first page", "(08:52 to 08:56)". */
export function explainsInterval(raw: string): boolean {
  if (/\b(?:from|since|until|till|after|before|once|when|between|to the|to first|to a)\b/i.test(raw)) return true;
  return (raw.match(/\b\d{1,2}[:.h]\d{2}\b/g)?.length ?? 0) >= 1;
}
