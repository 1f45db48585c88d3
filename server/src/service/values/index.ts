/**
 * The one reader of field values. Every kind the schema gives a field is read here, the same way
 * for the diagnostics, the hover, completion and the fixes: a value of the field's kind at the
 * start or anywhere in the value is what counts, and the rest is a note.
 */
import type { FieldSpec } from '../template/schema';
import { findChoice, namesEveryChoice, type ChoiceMatch } from './choice';
import { findDate, type FoundDate } from './date';
import { readDateTimeRange } from './dateTime';
import { findDuration } from './duration';
import { readId } from './id';
import type { Moment } from './moment';
import { readNumberValue, readPercentageValue } from './number';
import { notApplicable, notYetKnown } from './status';
import { plainValue } from './text';

export type FieldReading =
  /** Nothing after the label. */
  | { state: 'empty' }
  /** "TBD", "?", "pending": to be filled in. */
  | { state: 'not-known'; words: string }
  /** The template's list of choices, kept without its brackets. */
  | { state: 'every-choice' }
  /** "n/a", "none". */
  | { state: 'not-applicable' }
  | ({ state: 'ok' } & ValueOfKind)
  /**
   * No value of the kind, or an impossible or out-of-range one: `problem` says which, to follow
   * the value in a message. A range that ends before it starts still has its start and end.
   */
  | { state: 'invalid'; problem: string; range?: { start: Moment; end?: Moment } };

export interface ValueOfKind {
  number?: number;
  seconds?: number;
  date?: FoundDate;
  range?: { start: Moment; end?: Moment };
  /** A date in the value that reads both day-first and month-first. */
  ambiguous?: FoundDate;
  choice?: ChoiceMatch;
  id?: string;
}

/**
 * The value of a field of `spec` written as `raw` (the text after the colon). Not remembered
 * here: an open document's session keeps each line's value with the line's facts, and a memo
 * keyed by text would keep every document that text was sliced from alive.
 */
export function readFieldValue(spec: FieldSpec, raw: string): FieldReading {
  const plain = plainValue(raw);
  if (plain === '') return { state: 'empty' };
  const words = notYetKnown(plain);
  if (words !== undefined) return { state: 'not-known', words };
  switch (spec.kind) {
    case 'choice': {
      const values = spec.values ?? [];
      if (namesEveryChoice(raw, values)) return { state: 'every-choice' };
      const choice = findChoice(raw, values);
      return choice ? { state: 'ok', choice } : { state: 'invalid', problem: 'not-a-choice' };
    }
    case 'number':
    case 'percentage': {
      if (notApplicable(plain)) return { state: 'not-applicable' };
      const found = spec.kind === 'number' ? readNumberValue(plain) : readPercentageValue(plain);
      if ('problem' in found) {
        return { state: 'invalid', problem: spec.kind === 'percentage' ? 'is not a percentage' : 'is not a number' };
      }
      // A count written with dots between thousands ("2.310", "1.000", as in much of Europe) is a whole number.
      if (spec.integer) {
        const grouped = /^[-−]?(\d{1,3}(?:\.\d{3})+)(?![\d.,])/.exec(plain.slice(found.start, found.end));
        if (grouped) found.value = Number(grouped[1].replace(/\./g, '')) * Math.sign(found.value || 1);
        else if (!Number.isInteger(found.value)) return { state: 'invalid', problem: 'is not a whole number' };
      }
      const min = spec.min ?? (spec.kind === 'percentage' ? 0 : undefined);
      if ((min !== undefined && found.value < min) || (spec.max !== undefined && found.value > spec.max)) {
        return { state: 'invalid', problem: 'is out of range' };
      }
      return { state: 'ok', number: found.value };
    }
    case 'duration': {
      if (notApplicable(plain)) return { state: 'not-applicable' };
      const found = findDuration(plain);
      if (!found) return { state: 'invalid', problem: 'is not a duration' };
      if (found.negative) return { state: 'invalid', problem: 'is negative' };
      return { state: 'ok', seconds: found.seconds };
    }
    case 'date': {
      if (notApplicable(plain)) return { state: 'not-applicable' };
      const found = findDate(plain, { order: 'auto' });
      if (!found) return { state: 'invalid', problem: 'is not a date' };
      if (found.problem) return { state: 'invalid', problem: `is not a real date: ${found.problem}` };
      return { state: 'ok', date: found, ambiguous: found.ambiguous ? found : undefined };
    }
    case 'datetime': {
      if (notApplicable(plain)) return { state: 'not-applicable' };
      const range = readDateTimeRange(plain);
      if ('problem' in range) {
        if (range.problem === 'no-date-or-time') return { state: 'invalid', problem: 'has no date or time' };
        if (range.problem === 'end-before-start') return { state: 'invalid', problem: 'ends before it starts', range: range.start && { start: range.start, end: range.end } };
        if (range.problem === 'relative-day') return { state: 'invalid', problem: `has no date: '${range.text}' names none once the post-mortem is read later` };
        return { state: 'invalid', problem: `has ${range.text}, which ${range.problem}` };
      }
      return { state: 'ok', range: { start: range.start, end: range.end }, ambiguous: range.ambiguous };
    }
    case 'id': {
      if (notApplicable(plain)) return { state: 'not-applicable' };
      const id = readId(plain);
      return id ? { state: 'ok', id } : { state: 'invalid', problem: 'is not an ID' };
    }
    default:
      return { state: 'ok' };
  }
}

export type { FoundDate, DateOrder, DateParts } from './date';
export type { Moment } from './moment';
export type { ChoiceMatch } from './choice';
