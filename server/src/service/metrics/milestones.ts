/**
 * Which timeline rows are the schema's milestones: a row is found by its Event cell, in the
 * template's words or one of the schema's aliases, in any case and word form ("Alert fires" is
 * "Alert fired"), with other words around them ("Alert fired (PagerDuty, P1)"). Where a cell
 * names several, the first named counts, and of those starting at the same word the longest
 * ("Root cause found" before "Found").
 */
import type { TimelineRow } from '../document/model';
import type { TimelineTable } from '../document/timeline';
import type { MilestoneSpec } from '../template/schema';
import { letterOrDigitAt } from '../text/wholeWords';

export interface MilestoneMatch {
  milestone: MilestoneSpec;
  /** The cell starts with the milestone's words: what the row is, not something it mentions. */
  leading: boolean;
  /** In the template's own words (the milestone's value), not an alias. */
  own: boolean;
}

interface Phrase {
  words: string[];
  /** wordHash of each word. */
  hashes: number[];
  milestone: MilestoneSpec;
  own: boolean;
}

interface Matcher {
  /**
   * The phrases by their first word's hash, longest first. A cell is read word by word, each
   * word hashed as it is read, without making a string (a new document's every timeline row is
   * read; one regex of a hundred alternatives took 16 µs a row, words as strings 2 µs).
   */
  byFirstHash: Map<number, Phrase[]>;
  /**
   * The first two characters (lower case, ASCII) of every word of every phrase, as c1 * 128 +
   * c2: a word of a cell that starts otherwise is no phrase's word, and is not hashed.
   */
  starts: Uint8Array;
  /**
   * A cell with none of the phrases' first words at the start of one of its words names no
   * milestone: one native regex, run before the word-by-word reading (which a new process runs
   * in its interpreter at first). A stem is a prefix of the words it stems, so this keeps every
   * cell that could name one; null when a phrase is not ASCII.
   */
  prefilter: RegExp | null;
}

const matchers = new WeakMap<readonly MilestoneSpec[], Matcher>();

function matcherOf(milestones: readonly MilestoneSpec[]): Matcher {
  let matcher = matchers.get(milestones);
  if (!matcher) {
    const byFirstHash = new Map<number, Phrase[]>();
    const seen = new Set<string>();
    for (const m of milestones) {
      for (const name of [m.value, ...(m.aliases ?? [])]) {
        const key = phraseKey(name);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        const words = key.split(' ');
        const hashes = words.map(stringHash);
        const list = byFirstHash.get(hashes[0]) ?? [];
        list.push({ words, hashes, milestone: m, own: name === m.value });
        byFirstHash.set(hashes[0], list);
      }
    }
    for (const list of byFirstHash.values()) list.sort((a, b) => b.words.length - a.words.length);
    const starts = new Uint8Array(128 * 128);
    for (const list of byFirstHash.values()) {
      for (const phrase of list) {
        for (const word of phrase.words) {
          const c1 = word.charCodeAt(0);
          const c2 = word.length > 1 ? word.charCodeAt(1) : 32;
          // A word beyond ASCII is hashed whatever it starts with (wordHashes reads such text by wordsOf).
          if (c1 < 128 && c2 < 128) starts[c1 * 128 + c2] = 1;
        }
      }
    }
    const firstWords = [...new Set([...byFirstHash.values()].flatMap((list) => list.map((p) => p.words[0])))];
    const ascii = firstWords.every((w) => /^[a-z0-9]+$/.test(w));
    const prefilter = ascii && firstWords.length ? new RegExp(`(?<![a-z0-9])(?:${firstWords.sort((a, b) => b.length - a.length).join('|')})`, 'i') : null;
    matcher = { byFirstHash, starts, prefilter };
    matchers.set(milestones, matcher);
  }
  return matcher;
}

/**
 * Text as milestones are compared: its words of letters and digits, in lower case, each without
 * its English inflection ("fires", "fired" and "fire" are "fir"), joined by single spaces.
 * Markdown decoration, emoji and punctuation separate words and are no part of one.
 */
export function phraseKey(text: string): string {
  return wordsOf(text, 0, text.length).join(' ');
}

/**
 * The words of text[from, to) as phraseKey reads them, in one pass over the characters: this
 * runs on every timeline row of a new document, where regexes cost 6 µs a row.
 */
function wordsOf(text: string, from: number, to: number): string[] {
  const words: string[] = [];
  let start = -1;
  let lower = true;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 32;
    let word: boolean;
    let width = 1;
    if (c < 128) {
      word = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
      if (c >= 65 && c <= 90) lower = false;
    } else {
      word = letterOrDigitAt(text, i);
      lower = false;
      if (c >= 0xd800 && c <= 0xdbff) width = 2;
    }
    if (word) {
      if (start === -1) start = i;
      i += width - 1;
      continue;
    }
    if (start !== -1) {
      const raw = text.slice(start, i);
      words.push(stem(lower ? raw : raw.toLowerCase()));
      start = -1;
      lower = true;
    }
  }
  return words;
}

/** A word without -ing, -ed, -es, -s and a final e, when it is longer than four letters. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  let bare = word;
  if (bare.endsWith('ing')) bare = bare.slice(0, -3);
  else if (bare.endsWith('ed') || bare.endsWith('es')) bare = bare.slice(0, -2);
  else if (bare.endsWith('s')) bare = bare.slice(0, -1);
  return bare.length > 2 && bare.endsWith('e') ? bare.slice(0, -1) : bare;
}

/** The milestone a row's event names, if any. */
export function milestoneOfRow(milestones: readonly MilestoneSpec[], row: TimelineRow, table: TimelineTable, lines: readonly string[]): MilestoneMatch | undefined {
  // Kept on the row, which an unchanged line keeps from one analysis to the next.
  if (row.milestoneOf === milestones) return (row.milestone as MilestoneMatch | null) ?? undefined;
  const cell = table.columns.event >= 0 ? row.row.cells[table.columns.event] : undefined;
  let match: MilestoneMatch | undefined;
  if (cell) match = matchText(matcherOf(milestones), lines[row.row.line], cell.start, cell.end);
  else if (table.columns.event < 0) {
    const { line, start, end } = eventSpan(row, table, lines);
    match = matchText(matcherOf(milestones), line, start, end);
  }
  row.milestoneOf = milestones;
  row.milestone = match ?? null;
  return match;
}

/** The milestone a text names, if any (for tests and the Event cell's hover). */
export function milestoneOfText(milestones: readonly MilestoneSpec[], text: string): MilestoneMatch | undefined {
  return matchText(matcherOf(milestones), text);
}

function matchText(matcher: Matcher, text: string, from = 0, to = text.length): MilestoneMatch | undefined {
  to = Math.min(to, from + 400);
  // On the cell alone (a slice of a line is a view in V8, not a copy).
  if (matcher.prefilter && !matcher.prefilter.test(from === 0 && to === text.length ? text : text.slice(from, to))) return undefined;
  const count = wordHashes(text, from, to, matcher.starts);
  const hashes = hashBuffer;
  // The first phrase named, and of those at the same word the longest (as a leftmost-longest regex).
  for (let i = 0; i < count; i++) {
    if (hashes[i] === -1) continue;
    const phrases = matcher.byFirstHash.get(hashes[i]);
    if (!phrases) continue;
    for (const phrase of phrases) {
      let k = 1;
      while (k < phrase.hashes.length && i + k < count && hashes[i + k] === phrase.hashes[k]) k++;
      if (k < phrase.hashes.length) continue;
      // Equal hashes: the words themselves, to be sure (a row naming a milestone is rare).
      const words = wordsOf(text, from, to);
      if (phrase.words.every((w, j) => words[i + j] === w)) return { milestone: phrase.milestone, own: phrase.own, leading: i === 0 };
    }
  }
  return undefined;
}

/** FNV-1a of a word's characters: the same as wordHashes gives it. */
function stringHash(word: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

const hashBuffer: number[] = [];
/** The hash of a word's first n characters, for the n its stem may end at (n = length - 4 ... length). */
const prefixHashes = new Int32Array(5);
/** Its last four characters, lower case: the inflection the stem takes off. */
const lastChars = new Uint16Array(4);

/**
 * The hash of each word of text[from, to) as wordsOf reads it (lower case, stemmed), made in
 * one pass without a string per word; -1 for a word that starts as no phrase word does
 * (`starts`). Text with a character beyond ASCII is read by wordsOf. The hashes are left in
 * hashBuffer, which the next call reuses; returns how many.
 */
function wordHashes(text: string, from: number, to: number, starts: Uint8Array): number {
  let count = 0;
  let length = 0;
  let candidate = false;
  let first = 0;
  let hash = 0;
  for (let i = from; i <= to; i++) {
    let c = i < to ? text.charCodeAt(i) : 32;
    if (c >= 128) {
      count = 0;
      for (const word of wordsOf(text, from, to)) hashBuffer[count++] = stringHash(word);
      return count;
    }
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (length === 0) {
        first = c;
        hash = 0x811c9dc5;
        candidate = true;
      } else if (length === 1) candidate = starts[first * 128 + c] === 1;
      if (candidate) {
        hash = Math.imul(hash ^ c, 0x01000193);
        prefixHashes[(length + 1) % 5] = hash;
        lastChars[length & 3] = c;
      }
      length++;
      continue;
    }
    if (length === 0) continue;
    if (length === 1) candidate = starts[first * 128 + 32] === 1;
    hashBuffer[count++] = candidate ? prefixHashes[stemmedLength(length) % 5] >>> 0 : -1;
    length = 0;
  }
  return count;
}

/** stem() on the word whose last characters are in lastChars: its length without the inflection. */
function stemmedLength(length: number): number {
  if (length <= 4) return length;
  const last = lastChars[(length - 1) & 3];
  const before = lastChars[(length - 2) & 3];
  let n = length;
  if (last === 103 && before === 110 && lastChars[(length - 3) & 3] === 105) n -= 3; // -ing
  else if (before === 101 && (last === 100 || last === 115)) n -= 2; // -ed, -es
  else if (last === 115) n -= 1; // -s
  return n > 2 && lastChars[(n - 1) & 3] === 101 ? n - 1 : n;
}

/** In a table without an Event column, a row's cells other than the time, as one span of text. */
function eventSpan(row: TimelineRow, table: TimelineTable, lines: readonly string[]): { line: string; start: number; end: number } {
  const line = lines[row.row.line];
  const { time, date } = table.columns;
  const others = row.row.cells.filter((_, k) => k !== time && k !== date);
  if (others.length === 0) return { line, start: 0, end: 0 };
  // The time between them is no word of a milestone.
  const text = others.map((c) => line.slice(c.start, c.end)).join(' | ');
  return { line: text, start: 0, end: text.length };
}
