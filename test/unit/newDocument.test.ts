import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slugify } from '../../server/src/service/create/slug';
import { service } from '../support/service';

describe('new post-mortem text', () => {
  it('fills the title, a generated Incident ID and the date, and points at the first unfilled field', () => {
    const doc = service.newDocument({ title: 'Payments API outage', date: '2026-11-28' });
    const lines = doc.text.split('\n');
    // It starts as a draft: the schema's first review status, in front matter.
    assert.deepEqual(lines.slice(0, 4), ['---', 'status: draft', '---', '# Post-Mortem: Payments API outage']);
    assert.equal(doc.incidentId, 'INC-20261128-01');
    assert.ok(lines.includes('**Incident ID**: INC-20261128-01'));
    assert.ok(lines.includes('**Date/Time**: 2026-11-28 [START TIME] - [END TIME]'));
    assert.equal(doc.fileName, '2026-11-28-payments-api-outage.md');
    assert.deepEqual(doc.cursor, { line: 8, character: 26 });
    assert.equal(lines[doc.cursor.line].slice(doc.cursor.character, doc.cursor.character + 12), '[START TIME]');
    // The new document is a post-mortem, and its ID is no longer an unfilled field.
    const analysis = service.analyze(doc.text);
    assert.equal(analysis.looksLikePostmortem, true);
    assert.ok(!service.diagnostics(analysis).some((d) => String(d.message).startsWith('Incident ID')));
  });

  it('makes the ID unique among the post-mortems already there', () => {
    const first = service.newDocument({ title: 'A', date: '2026-11-28' });
    const second = service.newDocument({ title: 'B', date: '2026-11-28', existingTexts: [first.text, 'not a post-mortem'] });
    assert.equal(second.incidentId, 'INC-20261128-02');
    const third = service.newDocument({ title: 'C', date: '2026-11-28', existingTexts: [second.text, first.text] });
    assert.equal(third.incidentId, 'INC-20261128-03');
  });

  it('makes file-name slugs from any title', () => {
    assert.equal(slugify('Élan: DB fail-over / 2nd try!'), 'elan-db-fail-over-2nd-try');
    assert.equal(slugify('🔥🔥'), 'postmortem');
    assert.equal(slugify('x'.repeat(100)).length, 60);
    // A long title is cut between words, never inside one.
    const long = slugify('Checkout latency regression after the payments gateway certificate rotation in eu-west-1');
    assert.equal(long, 'checkout-latency-regression-after-the-payments-gateway');
    assert.equal(slugify(`${'a'.repeat(55)} bcdef`), 'a'.repeat(55));
    assert.equal(slugify(`${'a'.repeat(60)} b`), 'a'.repeat(60));
  });

  it('keeps a multi-line title on one line', () => {
    assert.equal(service.newDocument({ title: 'a\nb', date: '2026-11-28' }).text.split('\n')[3], '# Post-Mortem: a b');
  });

  it('is a draft whose gaps are hints, and every gap is an error once it is final', () => {
    const doc = service.newDocument({ title: 'Payments API outage', date: '2026-11-28' });
    const draft = service.diagnostics(service.analyze(doc.text));
    assert.ok(draft.length > 50);
    // Nothing in the Problems panel's errors and warnings: hints only.
    assert.deepEqual([...new Set(draft.map((d) => d.severity))], [4]);
    const final = service.diagnostics(service.analyze(doc.text.replace('status: draft', 'status: final')));
    assert.equal(final.length, draft.length);
    assert.deepEqual([...new Set(final.map((d) => d.severity))], [1]);
  });
});
