/**
 * Which allowed value a choice field's value names: one of the template's values as a whole
 * word anywhere in it ("🔴 CRITICAL", "**HIGH**", "SEV-1 (CRITICAL)", "Application (bad
 * deploy)"), or else one of their aliases ("SEV-1", "P2").
 */
import type { ChoiceValue } from '../template/schema';
import { escapeRegExp } from '../text/markdownText';
import { findWholeWord } from '../text/wholeWords';

export interface ChoiceMatch {
  choice: ChoiceValue;
  /** The alias written instead of the value, when there is no value. */
  alias?: string;
  /** Where the value or alias is in the text searched. */
  start: number;
  end: number;
}

interface CompiledChoices {
  values: { choice: ChoiceValue; pattern: RegExp }[];
  aliases: { choice: ChoiceValue; alias: string; pattern: RegExp }[];
}

const compiled = new WeakMap<readonly ChoiceValue[], CompiledChoices>();

/**
 * A value or alias as a pattern: case-insensitive, with the separators between its parts
 * optional ("SEV1" is also SEV-1, SEV 1, sev_1; "Human Error" also human-error), and a plural s
 * allowed on a value ("Alerts"). Found as a whole word (findWholeWord).
 */
function patternOf(text: string, plural: boolean): RegExp {
  const parts = text.toLowerCase().match(/\p{L}+|\p{N}+|[^\p{L}\p{N}\s_/-]+/gu) ?? [text];
  const escaped = parts.map(escapeRegExp);
  return new RegExp(`${escaped.join('[\\s_/-]*')}${plural ? '(?:s|es)?' : ''}`, 'giu');
}

const find = (pattern: RegExp, text: string) => findWholeWord(pattern, text, true);

function compile(values: readonly ChoiceValue[]): CompiledChoices {
  let c = compiled.get(values);
  if (!c) {
    c = {
      values: values.map((choice) => ({ choice, pattern: patternOf(choice.value, !/\p{N}$/u.test(choice.value)) })),
      aliases: values.flatMap((choice) => (choice.aliases ?? []).map((alias) => ({ choice, alias, pattern: patternOf(alias, false) }))),
    };
    compiled.set(values, c);
  }
  return c;
}

/** The first allowed value in the text, else the first alias, else undefined. */
export function findChoice(text: string, values: readonly ChoiceValue[]): ChoiceMatch | undefined {
  const { values: patterns, aliases } = compile(values);
  const masked = maskComments(text);
  let best: ChoiceMatch | undefined;
  for (const { choice, pattern } of patterns) {
    const m = find(pattern, masked);
    if (m && (!best || m.start < best.start)) best = { choice, start: m.start, end: m.end };
  }
  if (best) return best;
  for (const { choice, pattern } of aliases) {
    const m = find(pattern, masked);
    if (m && (!best || m.start < best.start)) best = { choice, alias: masked.slice(m.start, m.end), start: m.start, end: m.end };
  }
  return best;
}

/** Whether the text names every allowed value (the template's list of choices kept as it is, without brackets). */
export function namesEveryChoice(text: string, values: readonly ChoiceValue[]): boolean {
  if (values.length < 3) return false;
  const masked = maskComments(text);
  return compile(values).values.every(({ pattern }) => find(pattern, masked) !== undefined);
}

function maskComments(text: string): string {
  return text.indexOf('<!--') === -1 ? text : text.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => ' '.repeat(c.length));
}
