import type { FieldReading } from '../values';
import { dateUnder, dayNumber } from '../values/date';
import { endsBeforeStart } from '../values/dateTime';
import { idFormatExample, incidentDate } from '../values/id';
import { expectation } from '../values/kinds';
import { forEachValue, quoted } from './fieldReadings';
import type { Rule } from './rule';

const checkedKinds = new Set(['number', 'percentage', 'duration', 'date', 'datetime', 'id']);

export const invalidValue: Rule = {
  id: 'invalid-value',
  defaultLevel: 'error',
  description: 'A number, percentage, duration, date, date/time or ID field has no value of its kind, or one out of range or impossible.',
  examples: [
    { field: 'Error Rate', accepted: ['18%', '18% during incident', 'peaked at 38%, averaged 11%', '18-22%', '100% of writes, 0.4% of reads', '20% avg / 88% peak', '40% so far', '0.5 (5xx only)', 'n/a'], rejected: ['high', 'unknown', '120%', '12 GB'] },
    { field: 'Current Risk Level', accepted: ['7', '7/10', 'high (8)'], rejected: ['11', '0', 'high'] },
    { field: 'Circuit Breaker Trips', accepted: ['0', '3 (all false)', '~1.2k', 'zero', 'none'], rejected: ['many', '2.5', '-1'] },
    { field: 'Duration', accepted: ['2h 33m', '153 minutes', '2 hours 12 minutes', '~45 min', 'half an hour', '1:12', 'PT1H12M', '2 days 7 hours'], rejected: ['banana', '-20 minutes', 'unknown'] },
    { field: 'Review Date', accepted: ['2026-03-21', 'Sat 2026-03-21', '23/03/2026', '21.03.2026', '21 March 2026', 'March 21, 2026', '21-Mar-2026', 'held on 2026-03-22 with the team'], rejected: ['2026-02-30', '31/04/2026', 'next Tuesday'] },
    { field: 'Date/Time', accepted: ['2026-11-20 13:58 - 16:31 UTC', '20 Nov 2026, 13:58–16:31 UTC', 'Nov 20, 2026 1:58 PM – 4:31 PM PST', '13:58 - 16:31', '2026-11-20 23:40 - 01:10'], rejected: ['yesterday afternoon', '2026-02-30 10:00', '25:12', '2026-03-15 14:00 - 2026-03-15 13:00'] },
    { field: 'Incident ID', accepted: ['INC-20261120-01', 'INC-4521', '2026-1120-OGW', '#4521'], rejected: ['yesterday', 'see the ticket'] },
  ],
  check(analysis, report) {
    const example = analysis.template.schema.newDocument.idFormat;
    const startDay = analysis.clock.startDay;
    forEachValue(analysis, ({ name, spec, line, value }) => {
      const { reading } = value;
      if (!checkedKinds.has(spec.kind)) return;
      if (reading.state === 'invalid') {
        report({ line, start: value.start, end: value.end, message: messageOf(name, quoted(value), reading, spec.kind === 'id' ? `an ID such as ${idFormatExample(example, incidentDate(analysis.clock))}` : expectation(spec)) });
        return;
      }
      // A range whose dates say which is which only under the date order ("10/04 - 03/05" read month first).
      if (reading.state === 'ok' && reading.range?.end && analysis.dateOrder !== 'auto' && endsBeforeStart(reading.range.start, reading.range.end, analysis.dateOrder)) {
        report({ line, start: value.start, end: value.end, message: messageOf(name, quoted(value), { state: 'invalid', problem: 'ends before it starts' }, expectation(spec)) });
        return;
      }
      // A review or a sign-off before the incident began (an ambiguous date by the date order).
      const found = reading.state === 'ok' ? reading.date : undefined;
      const date = found && dateUnder(found, analysis.dateOrder);
      if (spec.afterIncident && startDay !== undefined && date?.year !== undefined && date.day !== undefined && dayNumber(date.year, date.month, date.day) < startDay) {
        report({ line, start: value.start, end: value.end, message: `${name} '${quoted(value)}' is before the incident, which began on ${incidentDate(analysis.clock) ?? 'a later day'}` });
      }
    });
  },
};

function messageOf(name: string, value: string, reading: Extract<FieldReading, { state: 'invalid' }>, expected: string): string {
  // "is not a real date: February 2026 has 28 days" says what is wrong; the rest say what is expected.
  const says = reading.problem.includes(':') || reading.problem === 'ends before it starts';
  return `${name} '${value}' ${reading.problem}${says ? '' : `: expected ${expected}`}`;
}
