/** The blameless-language rule: blaming wording in prose, what it leaves alone, and its quick fixes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SchemaError } from '../../server/src/service/template/schema';
import { createPostmortemService } from '../../server/src/service';
import { applyEdits, schemaText, service, templateText } from '../support/service';

const what = '[Brief description of the incident from user perspective]';
const withProse = (prose: string, svc = service) => {
  const text = templateText.replace(what, prose);
  const analysis = svc.analyze(text);
  return { text, analysis, found: svc.diagnostics(analysis).filter((d) => d.code === 'blameless-language') };
};
const phrases = (found: Diagnostic[], text: string) => found.map((d) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character));

describe('blameless language', () => {
  it('finds blame in prose, lists and table cells, in any case, and says what to write instead', () => {
    const { text, found } = withProse(
      [
        'The outage came down to Human Error during the deploy.',
        '- The on-call engineer failed to notice the page for 20 minutes.',
        '- Bob forgot to drain the node; it was Dave’s mistake, honestly.',
        'They should have checked the dashboard. Engineers need to be more careful.',
        'Alice carelessly deployed the wrong tag. @jsmith fat-fingered the config.',
        '| note | Someone didn\'t bother to read the runbook |',
      ].join('\n'),
    );
    assert.deepEqual(phrases(found, text), [
      'Human Error',
      'The on-call engineer failed to',
      'Bob forgot to',
      'Dave’s mistake',
      'They should have',
      'be more careful',
      'carelessly',
      '@jsmith fat-fingered',
      "didn't bother to",
    ]);
    assert.ok(found.every((d) => d.severity === 3), 'information');
    assert.equal(found[0].message, '"Human Error" blames a person: Say what made the slip possible and what would have caught it (a step with no check, a confusing tool, a missing review); "human error" ends the analysis where it should begin.');
  });

  it('leaves systems, first person, negations, code, logs, quotes, comments, placeholders and the Category value alone', () => {
    const { found } = withProse(
      [
        'Postgres failed to elect a new primary, and the breaker should have opened but did not.',
        'We should have caught this in staging. I forgot nothing: the script forgot to release the lock.',
        'This was not human error: the tool let a bad value through, rather than human error.',
        'The log said `human error` and <!-- he should have known --> nothing else.',
        '> Someone should have paged me. (quoted from the retro)',
        'In the channel she wrote "this was human error, he should have known better".',
        '',
        '```',
        '14:02:07 ERROR operator failed to acquire lock: human error',
        '```',
      ].join('\n'),
    );
    assert.deepEqual(found.map((d) => d.message), []);
    // The template's own Category choices and a Category written as Human Error.
    const category = templateText.replace('**Category**: [Infrastructure/Application/Network/Human Error]', '**Category**: Human Error');
    assert.notEqual(category, templateText);
    assert.deepEqual(service.diagnostics(service.analyze(category)).filter((d) => d.code === 'blameless-language'), []);
  });

  it('fixes what is mechanical: "failed to" and "forgot to" become "did not", an adverb of blame goes', () => {
    const { text, analysis, found } = withProse('The on-call engineer failed to notice it.\r\nAlice carelessly deployed the wrong tag.\r\nBob forgot to drain the node.'.replace(/\r\n/g, '\n'));
    const actions = service.codeActions({ analysis, uri: 'file:///pm.md', version: 3, range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } }, diagnostics: found });
    const fixes = actions.filter((a) => a.diagnostics?.[0]?.code === 'blameless-language');
    assert.deepEqual(fixes.map((a) => a.title), ['Write "did not" for "failed to"', 'Remove "carelessly"', 'Write "did not" for "forgot to"']);
    let fixed = text;
    for (const action of fixes) {
      const change = action.edit!.documentChanges![0] as unknown as { textDocument: { version: number }; edits: { range: never; newText: string }[] };
      assert.equal(change.textDocument.version, 3);
      fixed = applyEdits(fixed, change.edits);
    }
    assert.match(fixed, /^The on-call engineer did not notice it\.$/m);
    assert.match(fixed, /^Alice deployed the wrong tag\.$/m);
    assert.match(fixed, /^Bob did not drain the node\.$/m);
    // Fixed, the lines are no longer reported.
    assert.deepEqual(service.diagnostics(service.analyze(fixed)).filter((d) => d.code === 'blameless-language'), []);
  });

  it('reads UTF-16 positions after emoji, and a team\'s own phrases from its schema', () => {
    const { text, found } = withProse('🔥🔥 Mara fat-fingered the flag.');
    assert.deepEqual(found.map((d) => [d.range.start.character, d.range.end.character]), [[5, 5 + 'Mara fat-fingered'.length]]);
    assert.equal(phrases(found, text)[0], 'Mara fat-fingered');
    const team = createPostmortemService(
      templateText,
      schemaText.replace('  phrases:\n', '  phrases:\n    - match: ["{person} dropped the ball"]\n      suggestion: Say what was missing.\n'),
    );
    assert.deepEqual(phrases(withProse('The reviewer dropped the ball on it.', team).found, templateText.replace(what, 'The reviewer dropped the ball on it.')), ['The reviewer dropped the ball']);
    assert.throws(
      () => createPostmortemService(templateText, schemaText.replace('  phrases:\n', '  phrases:\n    - match: "{who} broke it"\n      suggestion: x\n')),
      (error: unknown) => error instanceof SchemaError && error.problems.some((p) => p.message === "blameless.phrases.0.match: unknown placeholder '{who}' (expected {person} or {name})"),
    );
  });
});
