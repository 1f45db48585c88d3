/**
 * Blaming wording, read with the schema's phrases (`blameless`): each form compiled once per
 * template into a regular expression, and a line's text searched only where the author writes
 * prose. The blameless-language rule reports what this finds.
 */
import type { BlamelessSpec } from '../template/schema';

export interface BlamelessMatch {
  /** The phrase's index in the schema's list. */
  phrase: number;
  start: number;
  end: number;
  /** Where the words after the person start (the part a fix replaces). */
  fixStart: number;
}

export interface BlamelessMatcher {
  /** The matches in a line whose text outside prose is already blanked out (same length). */
  find(prose: string): BlamelessMatch[];
}

interface CompiledForm {
  phrase: number;
  pattern: RegExp;
  unlessAfter: RegExp | undefined;
}

// Capitalised words that start sentences and name no one: never the {name} of a phrase.
const notNames = [
  'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'We', 'They', 'He', 'She', 'I', 'You', 'Our', 'Their', 'His', 'Her', 'My', 'Your',
  'A', 'An', 'One', 'Someone', 'Somebody', 'Nobody', 'Everyone', 'Everybody', 'Each', 'Every', 'No', 'And', 'But', 'So', 'Then', 'When',
  'While', 'After', 'Before', 'If', 'Also', 'However', 'Here', 'There', 'What', 'Which', 'Who', 'Why', 'How', 'Nothing', 'Everything', 'Team',
];
const namePattern = `(?:@[\\w.-]+|(?!(?:${notNames.join('|')})(?![A-Za-z]))[A-Z][a-z]+)`;

/** A literal in any case, with any spacing between its words and either apostrophe. */
function literal(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((word) =>
      [...word]
        .map((ch) => {
          if (ch === "'" || ch === '’') return "['’]";
          const lower = ch.toLowerCase();
          const upper = ch.toUpperCase();
          return lower !== upper ? `[${lower}${upper}]` : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        })
        .join(''),
    )
    .join('\\s+');
}

export function compileBlameless(spec: BlamelessSpec | undefined): BlamelessMatcher | undefined {
  if (!spec || spec.phrases.length === 0) return undefined;
  // A role after a determiner and up to two words ("the night operator", "our on-call engineers").
  const roles = spec.roles.length
    ? `(?:${literal('the')}|${literal('our')}|${literal('a')}|${literal('an')}|${literal('this')}|${literal('that')}|${literal('his')}|${literal('her')}|${literal('their')})\\s+(?:[A-Za-z-]+\\s+){0,2}(?:${[...spec.roles].sort((a, b) => b.length - a.length).map(literal).join('|')})(?:[sS])?`
    : '(?!)';
  const people = `(?:${roles}|${[...spec.people].sort((a, b) => b.length - a.length).map(literal).join('|') || '(?!)'}|@[\\w.-]+)`;
  const forms: CompiledForm[] = [];
  const keyWords = new Set<string>();
  spec.phrases.forEach((phrase, index) => {
    const unlessAfter = phrase.unlessAfter.length ? new RegExp(`(?:^|[^A-Za-z])(?:${phrase.unlessAfter.map(literal).join('|')})(?:[^A-Za-z]|$)`) : undefined;
    for (const form of phrase.match) {
      // The person (or name) first, then the words a fix replaces.
      const lead = /^\{(person|name)\}\s*/.exec(form);
      const rest = lead ? form.slice(lead[0].length) : form;
      const parts = rest.split(/(\{person\}|\{name\})/).filter((p) => p.trim() !== '');
      const body = parts.map((p) => (p === '{person}' ? people : p === '{name}' ? namePattern : literal(p))).join('\\s+');
      // "{name}'s mistake": the possessive right after the name.
      const joined = /^['’]/.test(rest);
      const head = lead ? `(${lead[1] === 'person' ? people : namePattern})${joined ? '' : '\\s+'}` : '()';
      forms.push({ phrase: index, pattern: new RegExp(`(?<![A-Za-z0-9_@])${head}(${body})(?![A-Za-z0-9_])`, 'g'), unlessAfter });
      // The longest literal word of the form, for the line's prefilter.
      const words = rest.replace(/\{(person|name)\}/g, ' ').split(/[^A-Za-z]+/).filter(Boolean);
      const longest = words.sort((a, b) => b.length - a.length)[0];
      if (longest) keyWords.add(longest.toLowerCase());
    }
  });
  const prefilter = new RegExp([...keyWords].map(literal).join('|'));
  return {
    find(prose: string): BlamelessMatch[] {
      if (!prefilter.test(prose)) return [];
      const found: BlamelessMatch[] = [];
      for (const form of forms) {
        form.pattern.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = form.pattern.exec(prose)) !== null) {
          const start = m.index;
          const fixStart = start + m[0].length - m[2].length;
          const end = start + m[0].length;
          if (form.unlessAfter && form.unlessAfter.test(sentenceBefore(prose, start))) continue;
          if (found.some((f) => f.start < end && start < f.end)) continue;
          found.push({ phrase: form.phrase, start, end, fixStart });
        }
      }
      return found.sort((a, b) => a.start - b.start);
    },
  };
}

/** The last few words before `at`, within its sentence: where a negation would be. */
function sentenceBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 40), at);
  const sentence = before.split(/[.!?;:]\s/).pop() ?? before;
  return sentence.split(/\s+/).slice(-5).join(' ');
}
