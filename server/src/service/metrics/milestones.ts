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
import { escapeRegExp } from '../text/markdownText';
import { plainValue } from '../values/text';

export interface MilestoneMatch {
  milestone: MilestoneSpec;
  /** The cell starts with the milestone's words: what the row is, not something it mentions. */
  leading: boolean;
  /** In the template's own words (the milestone's value), not an alias. */
  own: boolean;
}

interface Matcher {
  pattern: RegExp;
  byPhrase: Map<string, { milestone: MilestoneSpec; own: boolean }>;
  /** What each row read as, kept while the row object lives (an unchanged line keeps its row). */
  rows: WeakMap<TimelineRow, MilestoneMatch | null>;
}

const matchers = new WeakMap<readonly MilestoneSpec[], Matcher>();

function matcherOf(milestones: readonly MilestoneSpec[]): Matcher {
  let matcher = matchers.get(milestones);
  if (!matcher) {
    const byPhrase = new Map<string, { milestone: MilestoneSpec; own: boolean }>();
    for (const m of milestones) {
      for (const name of [m.value, ...(m.aliases ?? [])]) {
        const key = phraseKey(name);
        if (key && !byPhrase.has(key)) byPhrase.set(key, { milestone: m, own: name === m.value });
      }
    }
    const phrases = [...byPhrase.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    // Phrases are keys: words of letters and digits between single spaces.
    const pattern = new RegExp(`(?:^| )(${phrases.join('|') || '(?!)'})(?= |$)`);
    matcher = { pattern, byPhrase, rows: new WeakMap() };
    matchers.set(milestones, matcher);
  }
  return matcher;
}

/**
 * Text as milestones are compared: Markdown decoration and emoji off, lower case, words of
 * letters and digits, each without its English inflection ("fires", "fired" and "fire" are "fir").
 */
export function phraseKey(text: string): string {
  const words = plainValue(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return words === '' ? '' : words.split(' ').map(stem).join(' ');
}

/** A word without -ing, -ed, -es, -s and a final e, when it is longer than four letters. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  const bare = word.replace(/(?:ing|ed|es|s)$/, '');
  return bare.length > 2 && bare.endsWith('e') ? bare.slice(0, -1) : bare;
}

/** The milestone a row's event names, if any. */
export function milestoneOfRow(milestones: readonly MilestoneSpec[], row: TimelineRow, table: TimelineTable, lines: readonly string[]): MilestoneMatch | undefined {
  const matcher = matcherOf(milestones);
  let match = matcher.rows.get(row);
  if (match === undefined) {
    match = matchText(matcher, eventText(row, table, lines)) ?? null;
    matcher.rows.set(row, match);
  }
  return match ?? undefined;
}

/** The milestone a text names, if any (for tests and the Event cell's hover). */
export function milestoneOfText(milestones: readonly MilestoneSpec[], text: string): MilestoneMatch | undefined {
  return matchText(matcherOf(milestones), text);
}

function matchText(matcher: Matcher, text: string): MilestoneMatch | undefined {
  const key = phraseKey(text.slice(0, 400));
  const m = matcher.pattern.exec(key);
  if (!m) return undefined;
  const { milestone, own } = matcher.byPhrase.get(m[1])!;
  return { milestone, own, leading: m.index === 0 };
}

/** A row's Event cell; in a table without one, its cells other than the time. */
function eventText(row: TimelineRow, table: TimelineTable, lines: readonly string[]): string {
  const line = lines[row.row.line];
  const { event, time, date } = table.columns;
  const cell = event >= 0 ? row.row.cells[event] : undefined;
  if (cell) return line.slice(cell.start, cell.end);
  if (event >= 0) return '';
  return row.row.cells
    .filter((_, k) => k !== time && k !== date)
    .map((c) => line.slice(c.start, c.end))
    .join(' ');
}
