/**
 * The Markdown injection grammars, run for real: vscode-textmate with the Oniguruma wasm, VS
 * Code's Markdown grammar (from tm-grammars) as the base, and the two grammars of syntaxes/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { grammarFiles, scopes } from '../../scripts/postmortemGrammar';
import { repoRoot, schemaText, service, templateText } from '../support/service';

interface Contributed {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contributed: Contributed[] = manifest.contributes.grammars;

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(join(repoRoot, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = new Map<string, string>([['text.html.markdown', join(repoRoot, 'node_modules/tm-grammars/grammars/markdown.json')]]);
  for (const g of contributed) files.set(g.scopeName, join(repoRoot, g.path));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => oniguruma.createOnigScanner(patterns),
      createOnigString: (text) => oniguruma.createOnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const path = files.get(scopeName);
      return path ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    getInjections: (scopeName) =>
      contributed.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
  const loaded = await registry.loadGrammar('text.html.markdown');
  assert.ok(loaded, 'the Markdown grammar did not load');
  grammar = loaded;
});

interface Token {
  line: number;
  text: string;
  scopes: string[];
  has?: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let stack = INITIAL;
  text.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) tokens.push({ line: index, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    stack = result.ruleStack;
  });
  return tokens;
}

/** The texts carrying `scope` (adjacent tokens on a line joined), in document order. */
function marked(text: string, scope: string): string[] {
  const found: string[] = [];
  let previous: Token | undefined;
  for (const token of tokenize(text)) {
    const has = token.scopes.some((s) => s === scope || s.startsWith(`${scope}.`));
    if (has && previous && previous.line === token.line) found[found.length - 1] += token.text;
    else if (has) found.push(token.text);
    previous = has ? token : undefined;
  }
  return found;
}

/** The scopes of the first token holding `needle`'s first character. */
function scopesAt(text: string, needle: string): string[] {
  const tokens = tokenize(text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} is not in the text`);
  let offset = 0;
  const at = lines[line].indexOf(needle);
  for (const token of tokens.filter((t) => t.line === line)) {
    if (at < offset + token.text.length) return token.scopes;
    offset += token.text.length;
  }
  assert.fail(`no token at ${needle}`);
}

const fence = '```';
const placeholder = scopes.placeholder;
const blank = scopes.blank;
const choice = scopes.choice;
const time = scopes.time;

describe('injection grammar', () => {
  it('is generated from the template and schema (run npx tsx scripts/postmortemGrammar.ts when this fails)', () => {
    const files = grammarFiles(templateText, schemaText);
    assert.equal(files.size, contributed.length);
    for (const [name, text] of files) {
      const entry = contributed.find((g) => g.path.endsWith(`/syntaxes/${name}`));
      assert.ok(entry, `${name} is not contributed in package.json`);
      assert.deepEqual(entry.injectTo, ['text.html.markdown']);
      assert.equal(JSON.parse(text).scopeName, entry.scopeName);
      assert.equal(readFileSync(join(repoRoot, 'syntaxes', name), 'utf8'), text, `syntaxes/${name} is stale`);
    }
  });

  it('marks every bracket text and blank of the template itself, and nothing else there', () => {
    const expected: string[] = [];
    for (const line of templateText.split('\n')) {
      for (const m of line.matchAll(/\[[^[\]\n]*\]/g)) if (m[0].trim() !== '[ ]') expected.push(m[0]);
    }
    assert.ok(expected.length > 100, `only ${expected.length} bracket texts in the template`);
    assert.deepEqual(marked(templateText, placeholder), expected);
    assert.deepEqual(marked(templateText, blank), ['____________________', '________', '____________________', '________', '____________________', '________']);
    assert.deepEqual(marked(templateText, choice), [], 'the template has no filled choice');
  });

  it('marks placeholders in field lines, paragraphs, table cells, lists, checklists and headings', () => {
    assert.deepEqual(marked('**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]', placeholder), ['[CRITICAL/HIGH/MEDIUM/LOW]']);
    assert.deepEqual(marked('**Date/Time**: [START TIME] - [END TIME]', placeholder), ['[START TIME]', '[END TIME]']);
    assert.deepEqual(marked('[Brief description of the incident from user perspective]', placeholder), ['[Brief description of the incident from user perspective]']);
    assert.deepEqual(marked('| Time | Event |\n|---|---|\n| 00:00 | Incident start | [Component] | [Detection method] |', placeholder), ['[Component]', '[Detection method]']);
    assert.deepEqual(marked('- [ ] [Action item] - [Owner] - [Due date]', placeholder), ['[Action item]', '[Owner]', '[Due date]']);
    assert.deepEqual(marked('### Review Date: [Date, 1 week after incident]', placeholder), ['[Date, 1 week after incident]']);
    assert.deepEqual(marked('1. **Code Changes**:\n   - [Specific code change needed]', placeholder), ['[Specific code change needed]']);
  });

  it('matches placeholders as the service does: any case, any spacing, any number', () => {
    assert.deepEqual(marked('1. [Factor 7] - [explanation]', placeholder), ['[Factor 7]', '[explanation]']);
    assert.deepEqual(marked('See [ start   time ] here', placeholder), ['[ start   time ]']);
    assert.deepEqual(marked('[Component name] and [Factor] and [Components]', placeholder), []);
  });

  it('keeps links, images, footnotes, references, checkboxes and log tags as Markdown has them', () => {
    const cases = [
      '[Component](https://example.com/component)',
      '![Component](diagram.png)',
      'A note[^1] and [^Component].',
      '[Component][ref] and [see][Component]',
      '[Component]: https://example.com/component',
      '- [ ] open item\n- [x] done item',
      '[ERROR] disk full on [2026-11-20T14:32:01Z]',
      '\\[Component]',
      // Not links for Markdown, but the service skips them too: after ! or ].
      '![Component] alone',
      'a stray][Component] bracket',
      'Inline `[Component]` code',
    ];
    for (const text of cases) assert.deepEqual(marked(text, placeholder), [], text);
    assert.ok(scopesAt('[Component](https://example.com/component)', 'Component').includes('string.other.link.title.markdown'), 'the link text lost its link scope');
    assert.ok(scopesAt('- [x] done item', 'done').some((s) => s.startsWith('markup.list')), 'the task list lost its list scope');
  });

  it('marks what the service reports as unfilled, line by line', () => {
    const lines = [
      'Notes: [START TIME] then [Component](https://example.com) and ![Component] and [Factor 12]',
      'Escaped \\[Component] and stray][Component] and [^Component] and [Component][ref] and `[Owner]` inline',
      '[Component]: https://example.com/component',
      '- [ ] [Action item] - [Owner] - [Due date]',
      '| 00:00 | Incident start | [Component] | [Detection method] |',
      'Sign here: ____ and snake___case and ___',
      '<!-- [Component] in a comment -->',
      fence,
      'Event: [Timestamp] [Component] [ERROR] ____',
      fence,
    ];
    const doc = service.newDocument({ title: 'Grammar check', date: '2026-11-20' }).text.split('\n');
    const first = doc.length;
    const text = [...doc, '', ...lines].join('\n');
    const reported = service
      .diagnostics(service.analyze(text))
      .filter((d) => d.code === 'unfilled-placeholder' && d.range.start.line > first)
      .map((d) => `${d.range.start.line - first - 1}: ${text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)}`);
    const ours: string[] = [];
    const tokens = tokenize(text);
    let previous: Token | undefined;
    for (const token of tokens) {
      const has = token.line > first && token.scopes.some((s) => s === placeholder || s === blank);
      if (has && previous?.line === token.line && previous.has) ours[ours.length - 1] += token.text;
      else if (has) ours.push(`${token.line - first - 1}: ${token.text}`);
      previous = { ...token, has };
    }
    assert.ok(reported.length >= 10, `the service reported only ${reported.join(', ')}`);
    // The grammar marks a blank only after a label's colon or in a table cell: the service's other
    // blanks (the lone ___ at the end of line 5) go unmarked, in every Markdown file alike.
    assert.deepEqual(ours, reported.filter((r) => r !== '5: ___'));
    assert.ok(reported.includes('5: ___'));
  });

  it('marks a blank only where a post-mortem holds one: after a label\'s colon or in a table cell, not in a README\'s prose', () => {
    assert.deepEqual(marked('**Incident Commander**: ________ Date: ____', blank), ['________', '____']);
    assert.deepEqual(marked('| 14:02 | ____ |', blank), ['____']);
    assert.deepEqual(marked('Fill in your name here: ____.', blank), ['____']);
    assert.deepEqual(marked('Run the script and fill in the ____ with your token, then ___ it.', blank), []);
  });

  it('marks only template placeholders in fenced and indented code', () => {
    const code = `${fence}\n- Event 1: [Timestamp] [Component] [Message]\n[ERROR] [2026-11-20T14:32:01Z] ____ HIGH\n| 14:32 | x |\n**Severity**: HIGH\n${fence}`;
    assert.deepEqual(marked(code, placeholder), ['[Timestamp]', '[Component]', '[Message]']);
    assert.deepEqual(marked(code, blank), []);
    assert.deepEqual(marked(code, choice), []);
    assert.deepEqual(marked(code, time), []);
    assert.ok(scopesAt(code, '[Timestamp]').includes('markup.fenced_code.block.markdown'), 'the code block lost its scope');
    assert.deepEqual(marked(`${fence}yaml\nCPU Usage: [Percentage]\nlevel: [ERROR]\n${fence}`, placeholder), ['[Percentage]']);
    assert.deepEqual(marked(`Text\n\n    CPU Usage: [Percentage] ____ [ERROR]`, placeholder), ['[Percentage]']);
    assert.deepEqual(marked(`Text\n\n    CPU Usage: [Percentage] ____ [ERROR]`, blank), []);
  });

  it('marks blanks of three or more underscores, not thematic breaks, identifiers or emphasis', () => {
    assert.deepEqual(marked('**Incident Commander**: ____________________ Date: ________', blank), ['____________________', '________']);
    assert.deepEqual(marked('Sign: ___', blank), ['___']);
    for (const text of ['Intro\n\n___\n\nMore', '   ______', 'a snake___case name', '___bold italic___', 'two __ only'])
      assert.deepEqual(marked(text, blank), [], text);
    assert.ok(scopesAt('Intro\n\n___\n\nMore', '___').includes('meta.separator.markdown'), 'the thematic break lost its scope');
  });

  it('colours allowed choice values after their field label, alone or before a note', () => {
    assert.deepEqual(marked('**Severity**: HIGH', choice), ['HIGH']);
    assert.ok(scopesAt('**Severity**: HIGH', 'HIGH').includes(`${choice}.severity.postmortem`));
    assert.deepEqual(marked('**Severity**: critical (trading halted)', choice), ['critical']);
    assert.deepEqual(marked('**Category**: Human Error', choice), ['Human Error']);
    assert.deepEqual(marked('**Detection Method**: User Report - from the help desk', choice), ['User Report']);
    assert.deepEqual(marked('**Resolution Method**: Config Change', choice), ['Config Change']);
    assert.deepEqual(marked('- **Before Fixes**: MEDIUM\n- **After Fixes:** LOW', choice), ['MEDIUM', 'LOW']);
    for (const text of ['**Severity**: SEVERE', '**Severity**: HIGHER', '**Category**: Hardware', '**Subcategory**: Network', 'Severity: HIGH', 'The severity was HIGH.'])
      assert.deepEqual(marked(text, choice), [], text);
  });

  it('colours the time in the first cell of a table row', () => {
    const table = (rows: string[]) => ['| Time | Event | Component | Action Taken |', '|------|-------|-----------|--------------|', ...rows].join('\n');
    assert.deepEqual(
      marked(table(['| 14:32 | Alert | API | Paged |', '|14:35:07 UTC| Fix | DB | Restart |', '| 2026-11-20T14:40:00Z | Done | API | - |', '| 2:45 PM | Done | API | - |']), time),
      ['14:32', '14:35:07 UTC', '2026-11-20T14:40:00Z', '2:45 PM'],
    );
    assert.deepEqual(marked(table(['| soon | Alert | 14:32 | Paged |']), time), []);
    assert.deepEqual(marked('At 14:32 the alert fired.', time), []);
  });
});
