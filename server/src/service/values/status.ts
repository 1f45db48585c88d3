/**
 * Values that are no value yet, or that say the field does not apply: read before any value of
 * the field's kind is looked for.
 */
import { withoutLeadingDecoration } from './text';

/** The words that say a value is not known yet: the field still needs filling in. */
const notYetKnownPattern =
  /^(?:tbd|tbc|tba|t\.b\.[dca]\.?|todo|to-do|fixme|xxx|\?+|pending|ongoing|in progress|still open|not (?:yet )?(?:known|determined|decided|scheduled|set|confirmed|assigned)(?: yet)?|to be (?:determined|confirmed|decided|scheduled|announced|assigned|filled in))(?=$|[^\p{L}\p{N}])/iu;

/** The words that say the field does not apply. */
const notApplicablePattern = /^(?:n\/a|n\.a\.?|na|not applicable|none|nil|no|-+|—|–)(?=$|[^\p{L}\p{N}])/iu;

/**
 * How the words of notYetKnownPattern start, as their first three characters in lower case (one
 * number each): a value that starts otherwise is told at once, without a string made (timelines
 * have thousands of cells).
 */
const notYetKnownStarts = new Set(['tbd', 'tbc', 'tba', 't.b', 'tod', 'to-', 'to ', 'fix', 'xxx', 'pen', 'ong', 'in ', 'sti', 'not'].map((w) => startCode(w, 0)));

function startCode(text: string, at: number): number {
  return ((text.charCodeAt(at) | 0x20) << 16) | ((text.charCodeAt(at + 1) | (text.charCodeAt(at + 1) >= 65 ? 0x20 : 0)) << 8) | (text.charCodeAt(at + 2) | (text.charCodeAt(at + 2) >= 65 ? 0x20 : 0));
}

/** Whether a value starting at `at` with a letter may start with a word that says it is not known. */
export function mayBeNotYetKnown(text: string, at: number): boolean {
  return notYetKnownStarts.has(startCode(text, at));
}

/** The words at the start of `plain` that say it is not known yet ("TBD", "?", "pending"), or undefined. */
export function notYetKnown(plain: string): string | undefined {
  const first = plain.charCodeAt(0);
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
  if (letter && !mayBeNotYetKnown(plain, 0)) return undefined;
  const match = notYetKnownPattern.exec(plain) ?? (letter ? null : notYetKnownPattern.exec(withoutLeadingDecoration(plain)));
  return match?.[0];
}

/** Whether `plain` says the field does not apply ("n/a", "none", "-"). */
export function notApplicable(plain: string): boolean {
  return notApplicablePattern.test(plain) || notApplicablePattern.test(withoutLeadingDecoration(plain));
}
