/**
 * The corpus under test/corpus: fully filled post-mortems get no diagnostics at all, partly
 * filled ones get exactly the diagnostics their inline `{!rule-id}` markers expect, and
 * ordinary Markdown files are not post-mortems.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFixtures } from '../support/corpus';
import { service } from '../support/service';

const found = (text: string) =>
  service
    .diagnostics(service.analyze(text))
    .map((d) => `${d.range.start.line + 1}:${d.code} ${d.message}`)
    .sort();

describe('filled post-mortems have no diagnostics', () => {
  const fixtures = readFixtures('filled');
  it('has a real corpus', () => assert.ok(fixtures.length >= 5, `${fixtures.length} files`));
  for (const fixture of fixtures) {
    it(fixture.name, () => {
      assert.equal(service.analyze(fixture.text).looksLikePostmortem, true);
      assert.deepEqual(found(fixture.text), []);
    });
  }
});

describe('partly filled post-mortems get exactly the expected diagnostics', () => {
  const fixtures = readFixtures('partial');
  it('has a real corpus', () => assert.ok(fixtures.length >= 5, `${fixtures.length} files`));
  for (const fixture of fixtures) {
    it(fixture.name, () => {
      const actual = found(fixture.text).map((d) => d.split(' ')[0]);
      assert.deepEqual(actual.sort(), fixture.expected, found(fixture.text).join('\n'));
    });
  }
});

describe('ordinary Markdown is not a post-mortem', () => {
  const fixtures = readFixtures('not-postmortems');
  it('has a real corpus', () => assert.ok(fixtures.length >= 3, `${fixtures.length} files`));
  for (const fixture of fixtures) {
    it(fixture.name, () => assert.equal(service.analyze(fixture.text).looksLikePostmortem, false));
  }
});
