/**
 * The snippets file: well-formed, and each snippet, expanded as VS Code would, gives a line the
 * post-mortem service accepts where the template has the same kind of line.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readTimelineMoment } from '../../server/src/service/values/moment';

const parseTime = (text: string) => { const reading = readTimelineMoment(text); return reading && 'moment' in reading ? reading.moment : undefined; };
import { repoRoot, service, templateText } from '../support/service';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contributed: { language: string; path: string }[] = manifest.contributes.snippets;
const snippets: Record<string, Snippet> = JSON.parse(readFileSync(join(repoRoot, contributed[0].path), 'utf8'));

const variables: Record<string, string> = {
  CURRENT_YEAR: '2026',
  CURRENT_MONTH: '11',
  CURRENT_DATE: '20',
  CURRENT_HOUR: '09',
  CURRENT_MINUTE: '05',
  CURRENT_SECOND: '07',
  CURRENT_TIMEZONE_OFFSET: '+01:00',
};

/** The text VS Code inserts when every tab stop keeps its default. */
function expand(body: string | string[]): string {
  let text = ([] as string[]).concat(body).join('\n');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(/\$\{(\d+):([^${}]*)\}/g, '$2')
      .replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, '$2')
      .replace(/\$(\d+)|\$\{(\d+)\}/g, '')
      .replace(/\$\{([A-Z_]+)\}|\$([A-Z_]+)/g, (_, a: string | undefined, b: string | undefined) => {
        const name = (a ?? b)!;
        assert.ok(name in variables, `unknown snippet variable ${name}`);
        return variables[name];
      });
  }
  return text;
}

function byPrefix(prefix: string): Snippet {
  const found = Object.values(snippets).find((s) => ([] as string[]).concat(s.prefix).includes(prefix));
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return found;
}

/** A regular expression for a template line, with each bracket placeholder standing for any text. */
function templateLinePattern(line: string): RegExp {
  const parts = line.split(/\[[^\]]*[^\]\s][^\]]*\]/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(\\S.*?)')}$`);
}

function templateLine(pattern: RegExp): string {
  const line = templateText.split('\n').find((l) => pattern.test(l));
  assert.ok(line, `no template line matching ${pattern}`);
  return line;
}

const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

describe('snippets', () => {
  it('are contributed for Markdown from a JSON file of snippets, each with a pm- prefix, a body and a description', () => {
    assert.deepEqual(contributed.map((c) => c.language), ['markdown']);
    const entries = Object.entries(snippets);
    assert.ok(entries.length >= 5, `only ${entries.length} snippets`);
    const prefixes = new Set<string>();
    for (const [name, snippet] of entries) {
      for (const prefix of ([] as string[]).concat(snippet.prefix)) {
        assert.match(prefix, /^pm-[a-z-]+$/, `${name}: prefix ${prefix}`);
        assert.ok(!prefixes.has(prefix), `prefix ${prefix} is used twice`);
        prefixes.add(prefix);
      }
      assert.ok(([] as string[]).concat(snippet.body).join('').trim(), `${name} has no body`);
      assert.equal(typeof snippet.description, 'string', `${name} has no description`);
      assert.ok(snippet.description.length > 10, `${name}: description too short`);
    }
  });

  it('timeline row: as many cells as the template timeline has columns, a time the service parses', () => {
    const snippet = byPrefix('pm-timeline-row');
    const header = templateLine(/^\|\s*Time\s*\|/);
    const row = expand(snippet.body);
    assert.equal(cells(row).length, cells(header).length, `${row} against ${header}`);
    assert.equal(cells(row)[0], '09:05');
    assert.ok(parseTime(cells(row)[0]), 'the time does not parse');
    assert.match(snippet.description, /UTC/, 'the description says the time is not UTC');
  });

  it('timeline row: added at the end of a new document\'s timeline, it raises no timeline diagnostic', () => {
    const doc = service.newDocument({ title: 'Snippet check', date: '2026-11-20' });
    const lines = doc.text.split('\n');
    const last = lines.findIndex((l) => l.startsWith('| 01:00 |'));
    assert.ok(last > 0, 'the new document has no 01:00 timeline row');
    lines.splice(last + 1, 0, expand(byPrefix('pm-timeline-row').body).replace('09:05', '01:30'));
    const codes = service.diagnostics(service.analyze(lines.join('\n'))).filter((d) => d.range.start.line === last + 1).map((d) => String(d.code));
    assert.deepEqual(codes.filter((c) => c.startsWith('timeline-')), []);
  });

  it('action item, contributing factor and lesson have the shape of the template lines', () => {
    const cases: [string, RegExp][] = [
      ['pm-action', /^- \[ \] \[Action item\]/],
      ['pm-factor', /^1\. \[Factor 1\]/],
      ['pm-lesson', /^1\. \[Positive aspect\]/],
    ];
    for (const [prefix, line] of cases) {
      const expanded = expand(byPrefix(prefix).body);
      assert.match(expanded, templateLinePattern(templateLine(line)), prefix);
      assert.ok(!/\$|\{|\}/.test(expanded), `${prefix} leaves snippet syntax: ${expanded}`);
    }
    assert.match(expand(byPrefix('pm-action').body), / - 2026-11-20$/, 'the due date defaults to today');
  });

  it('log block: a closed fence around a timestamp line the service parses', () => {
    const lines = expand(byPrefix('pm-log').body).split('\n');
    assert.equal(lines[0], '```');
    assert.equal(lines.at(-1), '```');
    const timestamp = lines[1].split(' ')[0];
    assert.equal(timestamp, '2026-11-20T09:05:07+01:00');
    assert.ok(parseTime(timestamp), `${timestamp} does not parse`);
  });
});
