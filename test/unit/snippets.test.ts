/**
 * The template's snippets (the schema's `snippets`), as completion offers them in a post-mortem:
 * well-formed, and each, expanded as an editor would, gives a line the post-mortem service
 * accepts where the template has the same kind of line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import { readTimelineMoment } from '../../server/src/service/values/moment';

const parseTime = (text: string) => { const reading = readTimelineMoment(text); return reading && 'moment' in reading ? reading.moment : undefined; };
import { createPostmortemService } from '../../server/src/service';
import { SchemaError } from '../../server/src/service/template/schema';
import { schemaText, service, templateText } from '../support/service';

/** A snippet as completion offers it at a blank line of a post-mortem: its prefix, name, description and body. */
interface Snippet {
  prefix: string;
  name: string;
  description: string;
  body: string;
}

const now = new Date('2026-11-20T09:05:07Z');
const blankLine = (() => {
  const lines = templateText.split('\n');
  return lines.findIndex((l, i) => l === '' && i > 5);
})();
const list = service.completions(service.analyze(templateText), { line: blankLine, character: 0 }, now);
const snippets: Snippet[] = (list?.items ?? [])
  .filter((i) => i.kind === CompletionItemKind.Snippet)
  .map((i) => ({ prefix: i.label, name: i.labelDetails?.description ?? '', description: String(i.detail ?? ''), body: (i.textEdit as { newText: string }).newText }));

/** The text VS Code inserts when every tab stop keeps its default. */
function expand(body: string): string {
  let text = body;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(/\$\{(\d+):([^${}]*)\}/g, '$2')
      .replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, '$2')
      .replace(/\$(\d+)|\$\{(\d+)\}/g, '');
  }
  assert.ok(!/\$[A-Z_]/.test(text), `a snippet variable left for the editor: ${text}`);
  return text;
}

function byPrefix(prefix: string): Snippet {
  const found = snippets.find((s) => s.prefix === prefix);
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
  it('are offered at a blank line of a post-mortem on Ctrl+Space, each with a pm- prefix, a name, a body and a description, above words', () => {
    assert.ok(snippets.length >= 5, `only ${snippets.length} snippets`);
    const prefixes = new Set<string>();
    for (const snippet of snippets) {
      assert.match(snippet.prefix, /^pm-[a-z-]+$/, `prefix ${snippet.prefix}`);
      assert.ok(!prefixes.has(snippet.prefix), `prefix ${snippet.prefix} is used twice`);
      prefixes.add(snippet.prefix);
      assert.ok(snippet.body.trim(), `${snippet.prefix} has no body`);
      assert.ok(snippet.name.length > 3 && snippet.description.length > 10, `${snippet.prefix}: name or description too short`);
    }
    for (const item of list!.items) {
      assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
      // Sorted before any word (whose sort text is the word itself), and found by the name's first letters too.
      assert.ok(item.sortText!.startsWith('!'), item.label);
      assert.match(item.filterText!, new RegExp(`^${item.label} `));
    }
    // After a list marker and in the middle of a word typed, too; not in a field's value, in code or at a typed space.
    const text = templateText.replace('### What Happened?\n', '### What Happened?\n- pm-ac\n');
    const line = text.split('\n').indexOf('- pm-ac');
    const typed = service.completions(service.analyze(text), { line, character: 7 }, now)!;
    assert.deepEqual((typed.items[0].textEdit as { range: unknown }).range, { start: { line, character: 2 }, end: { line, character: 7 } });
    assert.equal(service.completions(service.analyze(text), { line, character: 2 }, now, ' '), null);
    const severity = templateText.split('\n').findIndex((l) => l.startsWith('**Severity**'));
    assert.ok(!service.completions(service.analyze(templateText), { line: severity, character: 14 }, now)?.items.some((i) => i.kind === CompletionItemKind.Snippet));
    const logs = templateText.split('\n').findIndex((l) => l.includes('[Paste relevant log entries here]'));
    assert.equal(service.completions(service.analyze(templateText), { line: logs, character: 0 }, now), null);
  });

  it('timeline row: as many cells as the template timeline has columns, a time the service parses', () => {
    const snippet = byPrefix('pm-timeline-row');
    const header = templateLine(/^\|\s*Time\s*\|/);
    const row = expand(snippet.body);
    assert.equal(cells(row).length, cells(header).length, `${row} against ${header}`);
    // The time now, in UTC as the template's timeline is.
    assert.equal(cells(row)[0], '09:05');
    assert.ok(parseTime(cells(row)[0]), 'the time does not parse');
    assert.match(snippet.description, /UTC/, 'the description says the time is in UTC');
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
    assert.equal(timestamp, '2026-11-20T09:05:07Z');
    assert.ok(parseTime(timestamp), `${timestamp} does not parse`);
  });

  it("are the schema's, checked there: a team's own template brings its own", () => {
    const team = createPostmortemService(templateText, schemaText.replace(/\nsnippets:\n(?: .*\n|\n)*?(?=\n# What New)/, '\nsnippets:\n  - name: Customer quote\n    prefix: pm-quote\n    body: "> ${1:What the customer said} ({date})$0"\n'));
    const items = team.completions(team.analyze(templateText), { line: blankLine, character: 0 }, now)!.items;
    assert.deepEqual(items.map((i) => [i.label, (i.textEdit as { newText: string }).newText]), [['pm-quote', '> ${1:What the customer said} (2026-11-20)$0']]);
    assert.throws(
      () => createPostmortemService(templateText, schemaText.replace('prefix: pm-action', 'prefix: pm action!')),
      (error: unknown) => error instanceof SchemaError && error.problems.some((p) => /snippets\.1\.prefix: must be letters, digits, - and _/.test(p.message)),
    );
  });
});
