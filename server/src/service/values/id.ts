/**
 * Identifiers: the Incident ID as New Post-Mortem writes it (INC-20261201-01) or as it is
 * copied from an incident tool (INC-4521, 2026-1120-OGW, #4521, PM-2026-014).
 */
import { dayText } from './date';
import { withoutLeadingDecoration } from './text';

const idToken = /^#?[\p{L}\p{N}]+(?:[-_.\/:#][\p{L}\p{N}]+)*#?/u;
const wordAndNumber = /^[\p{L}]{2,12}\s+#?\p{N}+(?![\p{L}\p{N}])/u;

/** The ID at the start of the value, or undefined when the value starts with no ID (a word, a sentence). */
export function readId(plain: string): string | undefined {
  const text = withoutLeadingDecoration(plain);
  const spaced = wordAndNumber.exec(text);
  if (spaced) return spaced[0];
  const token = idToken.exec(text)?.[0];
  if (!token) return undefined;
  // A word alone ("yesterday", "see") is no ID; one with a digit or a joined part is.
  return /\p{N}/u.test(token) || /[\p{L}\p{N}][-_.\/:#][\p{L}\p{N}]/u.test(token) || token.startsWith('#') ? token : undefined;
}

/** The pattern of IDs a format makes (`INC-{date}-{seq}`: INC-20261201-01). */
export function idFormatPattern(format: string): RegExp {
  const escaped = format.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`));
  // The date as New Post-Mortem writes it (20261201) or with its dashes (2026-12-01).
  return new RegExp(`^${escaped.replace('{date}', '(?:\\d{8}|\\d{4}-\\d{2}-\\d{2})').replace('{seq}', '\\d+')}$`, 'i');
}

/**
 * An example of the format, for a date (YYYY-MM-DD): INC-{date}-{seq} on 2026-12-01 is
 * INC-20261201-01; without a date, INC-YYYYMMDD-NN.
 */
export function idFormatExample(format: string, date?: string): string {
  return format.replace('{date}', date ? date.replace(/-/g, '') : 'YYYYMMDD').replace('{seq}', date ? '01' : 'NN');
}

/** The incident's start date as YYYY-MM-DD, when Date/Time gives one with its year (read under the date order: see IncidentClock). */
export function incidentDate(clock: { startDay?: number; year?: number }): string | undefined {
  return clock.startDay !== undefined && clock.year !== undefined ? dayText(clock.startDay) : undefined;
}
