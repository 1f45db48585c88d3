/**
 * The corpus under test/corpus, written the way engineers write post-mortems: complete ones get
 * no warning or error (hints and information only where marked), drafts get exactly the diagnostics their
 * inline `{!rule-id}` markers expect, ordinary Markdown files are not post-mortems. Over the
 * whole corpus, precision and recall must be 100% (`npm run corpus` prints them, with every
 * false alarm and missed defect).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { evaluate, evaluateCorpus, figures, readFixtures } from '../support/corpus';

const explain = (r: ReturnType<typeof evaluate>) =>
  [...r.falseAlarms.map((f) => `false alarm ${f}`), ...r.missed.map((m) => `missed ${m}`)].join('\n');

describe('corpus: complete post-mortems have no warning or error', () => {
  const fixtures = readFixtures('filled');
  for (const fixture of fixtures) {
    it(fixture.name, () => {
      const result = evaluate(fixture);
      assert.equal(result.postmortem, true, 'not taken for a post-mortem');
      // Marked findings worth a look only (hints and information): a metric-mismatch where the
      // author measured their own way is a hint, though the rule's level is warning.
      const severe = result.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
      assert.deepEqual(severe.map((d) => `${d.range.start.line + 1}:${d.code} ${d.message}`), [], 'a complete post-mortem may only get hints and information');
      assert.equal(explain(result), '');
    });
  }
});

describe('corpus: drafts get exactly the diagnostics their markers expect', () => {
  for (const fixture of readFixtures('partial')) {
    it(fixture.name, () => {
      const result = evaluate(fixture);
      assert.equal(result.postmortem, true, 'not taken for a post-mortem');
      assert.equal(explain(result), '');
    });
  }
});

describe('corpus: ordinary Markdown is not a post-mortem', () => {
  for (const fixture of readFixtures('not-postmortems')) {
    it(fixture.name, () => assert.equal(evaluate(fixture).postmortem, false));
  }
});

describe('corpus: precision and recall', () => {
  const results = evaluateCorpus();
  it('holds at least 40 post-mortems in both kinds', () => {
    const postmortems = results.filter((r) => r.fixture.folder !== 'not-postmortems');
    assert.ok(postmortems.length >= 40, `${postmortems.length} post-mortems`);
    assert.ok(results.filter((r) => r.fixture.folder === 'filled').length >= 15);
    assert.ok(results.filter((r) => r.fixture.folder === 'partial').length >= 15);
  });
  it('finds every seeded defect and nothing else: 100% precision and recall', () => {
    const all = figures(results);
    assert.ok(all.found > 0);
    assert.equal(all.precision, 1, `precision ${all.precision}: ${all.falseAlarms} false alarms (npm run corpus lists them)`);
    assert.equal(all.recall, 1, `recall ${all.recall}: ${all.missed} missed (npm run corpus lists them)`);
  });
  it('counts a false alarm and a missed defect (the figures can fail)', () => {
    const [fixture] = readFixtures('partial').filter((f) => f.expected.length > 1);
    const broken = { ...fixture, expected: [...fixture.expected.slice(1), '1:timeline-cell-count'] };
    const f = figures([evaluate(broken)]);
    assert.ok(f.precision < 1 && f.recall < 1, JSON.stringify(f));
  });
});
