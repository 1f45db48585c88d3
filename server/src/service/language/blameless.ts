/**
 * Blaming wording, read with the schema's phrases (`blameless`): each form compiled once per
 * template into a regular expression, and a line's text searched only where the author writes
 * prose. The blameless-language rule reports what this finds.
 */
import type { BlamelessSpec } from '../template/schema';
import { escapeRegExp } from '../text/markdownText';

export interface BlamelessMatch {
  /** The phrase's index in the schema's list. */
  phrase: number;
  start: number;
  end: number;
  /** Where the words after the person start (the part a fix replaces). */
  fixStart: number;
}

export interface BlamelessMatcher {
  /**
   * Whether a line as written holds a phrase: what the parser keeps of each line (once per line
   * text), so that the rule reads as prose only those lines, and after a keystroke none anew.
   */
  holdsPhrase(line: string): boolean;
  /** The matches in a line whose text outside prose is already blanked out (same length). */
  find(prose: string): BlamelessMatch[];
}

interface CompiledForm {
  phrase: number;
  pattern: RegExp;
  /** The form's words before its key, checked backwards from the key (none when the key comes first). */
  before: RegExp | undefined;
  unlessAfter: RegExp | undefined;
}

// Capitalised words that start sentences and name no one: never the {name} of a phrase.
const notNames = [
  'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'We', 'They', 'He', 'She', 'I', 'You', 'Our', 'Their', 'His', 'Her', 'My', 'Your',
  'A', 'An', 'One', 'Someone', 'Somebody', 'Nobody', 'Everyone', 'Everybody', 'Each', 'Every', 'No', 'And', 'But', 'So', 'Then', 'When',
  'While', 'After', 'Before', 'If', 'Also', 'However', 'Here', 'There', 'What', 'Which', 'Who', 'Why', 'How', 'Nothing', 'Everything', 'Team',
];
const namePattern = `(?:@[\\w.-]+|(?!(?:${notNames.join('|')})(?![A-Za-z]))[A-Z][a-z]+)`;

/** Words too common in post-mortems to be a phrase's key when it has another. */
const commonWords = new Set(['production', 'prod', 'error', 'errors', 'failed', 'fail', 'checking', 'operator', 'attention', 'should', 'have', 'been', 'made', 'more', 'known', 'better', 'next', 'time', 'the', 'to', 'of', 'an', 'a', 'by', 'was', 'is', 'has', 'had', 'did', 'not', 'user', 'care', 'build', 'be']);

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
          return lower !== upper ? `[${lower}${upper}]` : escapeRegExp(ch);
        })
        .join(''),
    )
    .join('\\s+');
}

export function compileBlameless(spec: BlamelessSpec | undefined): BlamelessMatcher | undefined {
  if (!spec || spec.phrases.length === 0) return undefined;
  // A role after a determiner and up to two words ("the night operator", "our on-call engineers").
  const roles = spec.roles.length
    ? `(?:${['the', 'our', 'a', 'an', 'this', 'that', 'his', 'her', 'their'].map(literal).join('|')})\\s+(?:[A-Za-z-]+\\s+){0,2}(?:${[...spec.roles].sort((a, b) => b.length - a.length).map(literal).join('|')})(?:[sS])?`
    : '(?!)';
  const people = `(?:${roles}|${[...spec.people].sort((a, b) => b.length - a.length).map(literal).join('|') || '(?!)'}|@[\\w.-]+)`;
  // Each form is tried only at a word it must contain (its key): a line is searched once, for
  // the keys, and at a key a form's words before it are checked backwards from there (a sticky
  // lookbehind, so no scan), before its whole expression runs on the few characters around.
  const formsByWord = new Map<string, CompiledForm[]>();
  spec.phrases.forEach((phrase, index) => {
    const unlessAfter = phrase.unlessAfter.length ? new RegExp(`(?:^|[^A-Za-z])(?:${phrase.unlessAfter.map(literal).join('|')})(?:[^A-Za-z]|$)`) : undefined;
    for (const form of phrase.match) {
      const tokens = form.trim().split(/\s+|(?=['’]s(?![A-Za-z]))/).filter(Boolean);
      const source = (token: string) => (token === '{person}' ? people : token === '{name}' ? namePattern : literal(token));
      // A possessive ("{name}'s") follows the name with no space.
      const joinFrom = (from: number, to: number) => tokens.slice(from, to).map((t, i) => (i > 0 && !/^['’]/.test(t) ? '\\s+' : '') + source(t)).join('');
      // The key: the longest word that is neither a placeholder nor a possessive, and not a word
      // post-mortems are full of ("production", "error", "failed") when the form has another.
      let key = -1;
      const rare = (i: number) => !commonWords.has(tokens[i].toLowerCase());
      const better = (i: number) => key === -1 || (rare(i) !== rare(key) ? rare(i) : tokens[i].length > tokens[key].length);
      tokens.forEach((t, i) => {
        if (!/^\{/.test(t) && !/^['’]/.test(t) && better(i)) key = i;
      });
      if (key === -1) continue;
      const lead = tokens[0] === '{person}' || tokens[0] === '{name}';
      const before = key > 0 ? `${joinFrom(0, key)}${/^['’]/.test(tokens[key]) ? '' : '\\s+'}` : '';
      const compiled: CompiledForm = {
        phrase: index,
        // Group 1: the person; group 2: the words after them (what a fix replaces).
        pattern: new RegExp(`(?<![A-Za-z0-9_@])(${lead ? joinFrom(0, 1) : ''})${lead ? (/^['’]/.test(tokens[1] ?? '') ? '' : '\\s+') : ''}(${joinFrom(lead ? 1 : 0, tokens.length)})(?![A-Za-z0-9_])`, 'g'),
        before: before ? new RegExp(`(?<=(?<![A-Za-z0-9_@])${before})`, 'y') : undefined,
        unlessAfter,
      };
      const word = tokens[key].toLowerCase();
      formsByWord.set(word, [...(formsByWord.get(word) ?? []), compiled]);
    }
  });
  // Plain letters in any case: the engine's own case folding is far faster than classes per letter.
  const keys = [...formsByWord.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const keyWords = new RegExp(`(?<![A-Za-z])(?:${keys})(?![A-Za-z])`, 'gi');
  // Grouped by first letter, so the engine tries a few branches at a position, not every word.
  const anyKey = new RegExp(`(?:${firstLetterTrie([...formsByWord.keys()])})`, 'i');
  // How far before its key word a form's match may start: a role of three words, or a name.
  const reach = 80;
  // No memo keyed by text here: a line is a slice that keeps its whole document alive
  // (docs/architecture.md). What is kept is the parser's answer to holdsPhrase, in the line's facts.
  return {
    // Asked once per line text, as the parser reads a line (the session keeps the answer with the line).
    // A line without a word some phrase needs is not searched further.
    holdsPhrase: (line: string) => anyKey.test(line) && findIn(line).length > 0,
    find: findIn,
  };

  function findIn(prose: string): BlamelessMatch[] {
    keyWords.lastIndex = 0;
    let hit = keyWords.exec(prose);
    if (hit === null) return [];
    const found: BlamelessMatch[] = [];
    for (; hit !== null; hit = keyWords.exec(prose)) {
      const at = hit.index;
      for (const form of formsByWord.get(hit[0].toLowerCase()) ?? []) {
        if (form.before) {
          form.before.lastIndex = at;
          if (!form.before.test(prose)) continue;
        }
        const from = Math.max(0, at - reach);
        const window = prose.slice(from, Math.min(prose.length, at + hit[0].length + reach));
        form.pattern.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = form.pattern.exec(window)) !== null) {
          const start = from + m.index;
          const end = start + m[0].length;
          // The match must hold this key word: another hit finds the others.
          if (start > at || end < at + hit[0].length) continue;
          const fixStart = end - m[2].length;
          if (form.unlessAfter && form.unlessAfter.test(sentenceBefore(prose, start))) continue;
          if (found.some((f) => f.start < end && start < f.end)) continue;
          found.push({ phrase: form.phrase, start, end, fixStart });
        }
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }
}

/** Words as one alternation grouped by their first letters (`c(?:are(?:less|ful))`...), the same matches as `a|b|c`. */
function firstLetterTrie(words: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const word of words) {
    const first = word[0].toLowerCase();
    groups.set(first, [...(groups.get(first) ?? []), word.slice(1)]);
  }
  return [...groups]
    .map(([first, rests]) => {
      const longer = rests.filter((rest) => rest !== '');
      if (longer.length === 0) return escapeRegExp(first);
      return `${escapeRegExp(first)}(?:${firstLetterTrie(longer)})${longer.length < rests.length ? '?' : ''}`;
    })
    .join('|');
}

/** The last few words before `at`, within its sentence: where a negation would be. */
function sentenceBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 40), at);
  const sentence = before.split(/[.!?;:]\s/).pop() ?? before;
  return sentence.split(/\s+/).slice(-5).join(' ');
}
