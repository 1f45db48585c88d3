/** The review status in front matter, and how strict the checks are at each status (the schema's `review`). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { rules } from '../../server/src/service/rules';
import { SchemaError } from '../../server/src/service/template/schema';
import { createPostmortemService } from '../../server/src/service';
import { templateMismatches } from '../../host/templateConsistency';
import { applyEdits, schemaText, service, templateText, templateWith } from '../support/service';

const withStatus = (status: string, text = templateText, eol = '\n') => `---${eol}title: Ledger failover${eol}status: ${status}${eol}---${eol}${text}`;
const severities = (diagnostics: Diagnostic[], code: string) => [...new Set(diagnostics.filter((d) => d.code === code).map((d) => d.severity))];
const diagnose = (text: string, options = {}) => service.diagnostics(service.analyze(text), options);

describe('review status', () => {
  // A draft with a wrong Severity and everything else left to fill.
  const draft = templateWith({ '**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]': '**Severity**: urgent' });

  it('makes what is left to fill a hint in a draft, and keeps wrong values errors', () => {
    const d = diagnose(withStatus('draft', draft));
    assert.deepEqual(severities(d, 'unfilled-placeholder'), [4]);
    assert.deepEqual(severities(d, 'invalid-choice'), [1]);
    assert.equal(d.filter((x) => x.severity === 1 || x.severity === 2).length, 1, 'only the wrong Severity is in Problems');
  });

  it('makes every gap an error in review and when final, and keeps the rules\' levels without a status', () => {
    for (const status of ['in-review', 'final']) assert.deepEqual(severities(diagnose(withStatus(status, draft)), 'unfilled-placeholder'), [1], status);
    assert.deepEqual(severities(diagnose(draft), 'unfilled-placeholder'), [2]);
    // The same findings at every status: only their level changes.
    const counts = ['draft', 'in-review', 'final'].map((s) => diagnose(withStatus(s, draft)).length);
    assert.deepEqual(counts, [counts[0], counts[0], counts[0]]);
    assert.equal(diagnose(draft).length, counts[0]);
  });

  it('reads the status as teams write it: any case, quoted, with a comment, an alias, CRLF and a BOM', () => {
    const statusOf = (text: string) => service.analyze(text).reviewStatus?.name;
    assert.equal(statusOf(withStatus('Draft')), 'draft');
    assert.equal(statusOf(withStatus('"In Review"   # set by the review bot')), 'in-review');
    assert.equal(statusOf(withStatus("'in_review'")), 'in-review');
    assert.equal(statusOf(withStatus('WIP')), 'draft');
    assert.equal(statusOf(withStatus('published')), 'final');
    assert.equal(statusOf(`\ufeff${withStatus('final', templateText.replace(/\n/g, '\r\n'), '\r\n')}`), 'final');
    // An incident's own state is no review status: the rules keep their levels.
    for (const other of ['resolved', 'closed', 'mitigated', '']) assert.equal(statusOf(withStatus(other)), undefined, other);
    // Only the front matter's own top-level key: not a nested one, not one in the text.
    assert.equal(statusOf(`---\nreview:\n  status: final\n---\n${templateText}`), undefined);
    assert.equal(statusOf(`${templateText}\nstatus: final\n`), undefined);
    // YAML keeps the last of a repeated key.
    assert.equal(statusOf(`---\nstatus: final\nstatus: draft\n---\n${templateText}`), 'draft');
  });

  it('lets the postmortem.rules setting override the status, and a status asked for override the front matter', () => {
    const text = withStatus('draft', draft);
    assert.deepEqual(severities(diagnose(text, { levels: { 'unfilled-placeholder': 'warning' } }), 'unfilled-placeholder'), [2]);
    assert.equal(diagnose(text, { levels: { 'unfilled-placeholder': 'off' } }).filter((d) => d.code === 'unfilled-placeholder').length, 0);
    // postmortem-check --status final: the front matter's draft is checked as final.
    assert.deepEqual(severities(diagnose(text, { status: 'final' }), 'unfilled-placeholder'), [1]);
    assert.deepEqual(severities(diagnose(draft, { status: 'final' }), 'unfilled-placeholder'), [1]);
    // The other gap rules follow the status too: an empty required section is a gap.
    const empty = withStatus('final', templateText.replace('[Brief description of the incident from user perspective]', ''));
    assert.deepEqual(severities(diagnose(empty), 'empty-section'), [1]);
    assert.deepEqual(severities(diagnose(empty.replace('status: final', 'status: draft')), 'empty-section'), [4]);
  });

  it('writes the status into the front matter, keeping its comment, or makes front matter for it', () => {
    const edit = (text: string, status: string) => applyEdits(text, service.reviewStatusEdits(service.analyze(text), status));
    assert.equal(edit('---\nstatus: draft  # by New Post-Mortem\ntitle: x\n---\n# A\n', 'in-review'), '---\nstatus: in-review  # by New Post-Mortem\ntitle: x\n---\n# A\n');
    assert.equal(edit('---\ntitle: x\n---\n# A\n', 'in-review'), '---\ntitle: x\nstatus: in-review\n---\n# A\n');
    assert.equal(edit('\ufeff# A\r\n', 'final'), '\ufeff---\r\nstatus: final\r\n---\r\n# A\r\n');
  });

  it('is checked in the schema: levels, statuses named, and rules that exist', () => {
    const schemaWith = (review: string) => schemaText.replace(/\nreview:\n(?: .*\n|\n)*/, `\nreview:\n${review}\n`);
    const problems = (review: string) => {
      try {
        createPostmortemService(templateText, schemaWith(review), 'team.schema.yaml');
        return [];
      } catch (error) {
        assert.ok(error instanceof SchemaError);
        return error.problems.map((p) => p.message);
      }
    };
    assert.deepEqual(problems('  initial: drafty\n  statuses:\n    - name: draft\n      levels:\n        unfilled: loud'), [
      "review.initial: unknown status 'drafty' (expected one of draft)",
      'review.statuses.0.levels.unfilled: must be one of off, hint, information, warning, error',
    ]);
    assert.deepEqual(problems('  statuses: []'), ['review.statuses: must be a non-empty list of { name, meaning, levels, complete }']);
    // A rule id that no rule has is a mismatch of the loaded template, at its line.
    const team = createPostmortemService(templateText, schemaWith('  statuses:\n    - name: draft\n      levels:\n        unfiled-placeholder: hint'));
    assert.deepEqual(templateMismatches(team).map((m) => m.message), [
      `review.statuses.0.levels.unfiled-placeholder: no rule has this id (expected unfilled or one of ${rules.map((r) => r.id).join(', ')})`,
    ]);
  });
});
