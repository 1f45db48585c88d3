import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slugify } from '../../server/src/service/create/slug';
import { service } from '../support/service';

describe('new post-mortem text', () => {
  it('fills the title, a generated Incident ID and the date, and points at the first unfilled field', () => {
    const doc = service.newDocument({ title: 'Payments API outage', date: '2026-11-28' });
    const lines = doc.text.split('\n');
    assert.equal(lines[0], '# Post-Mortem: Payments API outage');
    assert.equal(doc.incidentId, 'INC-20261128-01');
    assert.ok(lines.includes('**Incident ID**: INC-20261128-01'));
    assert.ok(lines.includes('**Date/Time**: 2026-11-28 [START TIME] - [END TIME]'));
    assert.equal(doc.fileName, '2026-11-28-payments-api-outage.md');
    assert.deepEqual(doc.cursor, { line: 5, character: 26 });
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
  });

  it('keeps a multi-line title on one line', () => {
    assert.equal(service.newDocument({ title: 'a\nb', date: '2026-11-28' }).text.split('\n')[0], '# Post-Mortem: a b');
  });
});
