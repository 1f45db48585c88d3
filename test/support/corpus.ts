/**
 * The corpus under test/corpus: fixtures with inline expectations (`{!rule-id}` markers at the
 * end of lines), and their evaluation: every diagnostic the service gives against every marker,
 * as precision and recall per rule and over the whole corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DateOrder } from '../../server/src/service/values';
import { repoRoot, service } from './service';

export type CorpusFolder = 'filled' | 'partial' | 'not-postmortems';
export const corpusFolders: readonly CorpusFolder[] = ['filled', 'partial', 'not-postmortems'];

export interface Fixture {
  name: string;
  folder: CorpusFolder;
  /** The text with the markers removed: what is analysed. */
  text: string;
  /** "line:rule" for every expected diagnostic, sorted (line 1-based). */
  expected: string[];
  /** `<!-- corpus: dateOrder=dmy -->` on the first line. */
  dateOrder: DateOrder;
  /** `<!-- corpus: today=2026-12-01 -->` anywhere (at its end): the day it is checked on. */
  today: string;
}

const marker = /\{!([a-z-]+)\}/g;

export function readFixtures(folder: CorpusFolder): Fixture[] {
  const dir = join(repoRoot, 'test/corpus', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => parseFixture(name, readFileSync(join(dir, name), 'utf8'), folder));
}

export function parseFixture(name: string, raw: string, folder: CorpusFolder = 'partial'): Fixture {
  const expected: string[] = [];
  // Keep each line break as it is (CRLF fixtures stay CRLF).
  const parts = raw.split(/(\r\n|\r|\n)/);
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i];
    const lineNumber = i / 2 + 1;
    let m: RegExpExecArray | null;
    marker.lastIndex = 0;
    while ((m = marker.exec(line)) !== null) expected.push(`${lineNumber}:${m[1]}`);
    parts[i] = line.replace(/ ?(\{![a-z-]+\})+\s*$/, '').replace(marker, '');
  }
  const order = /^\uFEFF?<!--\s*corpus:\s*dateOrder=(auto|dmy|mdy)\s*-->/.exec(raw)?.[1] as DateOrder | undefined;
  const today = /<!--\s*corpus:\s*today=(\d{4}-\d{2}-\d{2})\s*-->/.exec(raw)?.[1];
  return { name, folder, text: parts.join(''), expected: expected.sort(), dateOrder: order ?? 'auto', today: today ?? corpusToday };
}

export interface FixtureResult {
  fixture: Fixture;
  /** Whether the service takes the document for a post-mortem. */
  postmortem: boolean;
  diagnostics: Diagnostic[];
  /** "line:rule message" of diagnostics no marker expects. */
  falseAlarms: string[];
  /** "line:rule" of markers no diagnostic meets. */
  missed: string[];
  /** Markers met. */
  found: string[];
}

/**
 * The day a fixture is checked on (an open action item due before it is overdue): the one its
 * first lines name (`<!-- corpus: today=2026-12-01 -->`), else a day before every incident of the
 * corpus, so that the items of documents written long ago are not all overdue.
 */
export const corpusToday = '2025-01-01';

/** The service's diagnostics on a fixture, matched against its markers (as multisets of line and rule). */
export function evaluate(fixture: Fixture): FixtureResult {
  const analysis = service.analyze(fixture.text, { dateOrder: fixture.dateOrder });
  const postmortem = analysis.looksLikePostmortem;
  const diagnostics = postmortem ? service.diagnostics(analysis, { today: fixture.today }) : [];
  const left = [...fixture.expected];
  const falseAlarms: string[] = [];
  const found: string[] = [];
  for (const d of [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line)) {
    const key = `${d.range.start.line + 1}:${d.code}`;
    const at = left.indexOf(key);
    if (at === -1) falseAlarms.push(`${key} ${d.message}`);
    else {
      left.splice(at, 1);
      found.push(key);
    }
  }
  return { fixture, postmortem, diagnostics, falseAlarms, missed: left, found };
}

export interface Figures {
  found: number;
  falseAlarms: number;
  missed: number;
  precision: number;
  recall: number;
}

export function figures(results: readonly FixtureResult[], rule?: string): Figures {
  const ofRule = (key: string) => rule === undefined || key.split(' ')[0].split(':')[1] === rule;
  const found = results.reduce((n, r) => n + r.found.filter(ofRule).length, 0);
  const falseAlarms = results.reduce((n, r) => n + r.falseAlarms.filter(ofRule).length, 0);
  const missed = results.reduce((n, r) => n + r.missed.filter(ofRule).length, 0);
  return {
    found,
    falseAlarms,
    missed,
    precision: found + falseAlarms === 0 ? 1 : found / (found + falseAlarms),
    recall: found + missed === 0 ? 1 : found / (found + missed),
  };
}

export function evaluateCorpus(): FixtureResult[] {
  return corpusFolders.flatMap((folder) => readFixtures(folder).map(evaluate));
}

/**
 * A complete post-mortem that gets no diagnostic at all, for the CLI's tests: the corpus's
 * db-failover-split-brain.md without its markers, its Date/Time starting at its Incident start
 * row (the corpus keeps the author's 13:58, an information-level metric-mismatch).
 */
export function cleanPostmortem(): string {
  const raw = readFileSync(join(repoRoot, 'test/corpus/filled/db-failover-split-brain.md'), 'utf8');
  return raw
    .replace(/ ?\{![a-z-]+\}/g, '')
    // Its open action items would be overdue once their day has passed: done, it stays clean on any day.
    .replace(/^- \[ \]/gm, '- [x]')
    .replace('**Date/Time**: 2026-11-20 13:58 - 16:31 UTC', '**Date/Time**: 2026-11-20 14:02 - 16:31 UTC')
    .replace('**Duration**: 2h 33m', '**Duration**: 2h 29m');
}
