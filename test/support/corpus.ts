/** Reads corpus fixtures with inline expectations: `{!rule-id}` markers at the end of lines. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './service';

export interface Fixture {
  name: string;
  /** The text with the markers removed: what is analysed. */
  text: string;
  /** "line:rule" for every expected diagnostic, sorted (line 1-based). */
  expected: string[];
}

const marker = /\{!([a-z-]+)\}/g;

export function readFixtures(folder: string): Fixture[] {
  const dir = join(repoRoot, 'test/corpus', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => parseFixture(name, readFileSync(join(dir, name), 'utf8')));
}

export function parseFixture(name: string, raw: string): Fixture {
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
  return { name, text: parts.join(''), expected: expected.sort() };
}
