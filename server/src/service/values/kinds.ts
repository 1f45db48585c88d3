/**
 * What each kind of field expects, in words: the one table the diagnostics' messages, the hover
 * and the rule pages are written from.
 */
import type { FieldSpec } from '../template/schema';

/** "a whole number from 1 to 10", "a percentage from 0% to 100%": what a field of this spec expects. */
export function expectation(spec: Pick<FieldSpec, 'kind' | 'min' | 'max' | 'integer'>): string {
  switch (spec.kind) {
    case 'number':
    case 'percentage': {
      const unit = spec.kind === 'percentage' ? '%' : '';
      const min = spec.min ?? (spec.kind === 'percentage' ? 0 : undefined);
      const noun = spec.kind === 'percentage' ? 'a percentage' : spec.integer ? 'a whole number' : 'a number';
      const range =
        min !== undefined && spec.max !== undefined
          ? ` from ${min}${unit} to ${spec.max}${unit}`
          : min !== undefined
            ? ` of at least ${min}${unit}`
            : spec.max !== undefined
              ? ` of at most ${spec.max}${unit}`
              : '';
      return `${noun}${range}`;
    }
    case 'duration':
      return 'a duration such as 1h 12m, 45 minutes or 2 days';
    case 'date':
      return 'a date such as 2026-03-21, 21/03/2026, 21.03.2026 or 21 March 2026';
    case 'datetime':
      return 'a start and end such as 2026-03-21 13:58 - 16:31 UTC (a date, a time or both on each side)';
    case 'id':
      return 'an ID such as INC-20261201-01 or INC-4521';
    case 'person':
      return 'a name';
    case 'choice':
      return 'one of the allowed values';
    case 'text':
      return 'text';
  }
}

/** What a timeline's Time cell expects. */
export const timelineTimeExpectation = 'a time such as 14:05, 2:05 PM, 14:05 UTC, 2026-03-21 14:05, Jun 10 14:05, Day 2 14:05 or T+5m';

/** The short hint of an unfilled field of a kind ("a date"), as the unfilled rule writes it. */
export function unfilledHint(kind: FieldSpec['kind']): string | undefined {
  switch (kind) {
    case 'person':
      return 'a name';
    case 'date':
      return 'a date';
    case 'datetime':
      return 'a date and time';
    case 'duration':
      return 'a duration';
    case 'number':
      return 'a number';
    case 'percentage':
      return 'a percentage';
    case 'id':
      return 'an ID';
    default:
      return undefined;
  }
}
