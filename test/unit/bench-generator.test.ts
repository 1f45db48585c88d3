import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchDocuments, generateBenchDocument, generatePostmortem, KB, MB } from '../../bench/generate';
import { service, templateText } from '../support/service';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Filled and unfilled lines of the schema's fields (`**Label**: value`, or `Label: value` in a fence). */
function fieldStates(text: string): { filled: number; unfilled: number } {
  let filled = 0;
  let unfilled = 0;
  for (const { label } of service.template.schema.fields) {
    const pattern = new RegExp(`^(?:- )?(?:\\*\\*${escape(label)}\\*\\*|${escape(label)}):\\s*(.*)$`, 'gm');
    for (const m of text.matchAll(pattern)) {
      if (/\[[^\]]+\]|_{3,}/.test(m[1])) unfilled++;
      else filled++;
    }
  }
  return { filled, unfilled };
}

describe('benchmark document generator', () => {
  it('is deterministic: same seed, same text; another seed, another text', () => {
    const a = generatePostmortem(templateText, { targetBytes: 100 * KB, seed: 7 });
    const b = generatePostmortem(templateText, { targetBytes: 100 * KB, seed: 7 });
    const c = generatePostmortem(templateText, { targetBytes: 100 * KB, seed: 8 });
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('hits each target size within 10%', () => {
    for (const spec of benchDocuments) {
      const bytes = Buffer.byteLength(generateBenchDocument(templateText, spec));
      const ratio = bytes / spec.targetBytes;
      assert.ok(ratio > 0.9 && ratio < 1.1, `${spec.name}: ${bytes} bytes for ${spec.targetBytes} (${ratio.toFixed(3)})`);
    }
  });

  it('makes post-mortems the service recognises, with filled and unfilled fields', () => {
    for (const spec of benchDocuments.filter((s) => s.targetBytes <= MB)) {
      const text = generateBenchDocument(templateText, spec);
      const analysis = service.analyze(text);
      assert.equal(analysis.looksLikePostmortem, true, spec.name);
      const diagnostics = service.diagnostics(analysis);
      const codes = new Set(diagnostics.map((d) => d.code));
      assert.ok(codes.has('unfilled-placeholder'), `${spec.name}: has unfilled placeholders`);
      assert.ok(!codes.has('missing-section') && !codes.has('empty-section'), `${spec.name}: has every required section`);
      const { filled, unfilled } = fieldStates(text);
      const share = unfilled / (filled + unfilled);
      assert.ok(filled > 0 && unfilled > 0, `${spec.name}: ${filled} filled, ${unfilled} unfilled fields`);
      assert.ok(share > 0.1 && share < 0.55, `${spec.name}: ${(share * 100).toFixed(0)}% of fields unfilled`);
    }
  });

  it('makes a worst case of one timeline of 10,000+ rows and little else', () => {
    const spec = benchDocuments.find((s) => s.shape === 'timeline')!;
    const text = generateBenchDocument(templateText, spec);
    const rows = text.split('\n').filter((l) => /^\| \d{4}-\d\d-\d\d /.test(l));
    assert.ok(rows.length >= 10000, `${rows.length} rows`);
    const rowBytes = rows.reduce((n, r) => n + r.length + 1, 0);
    assert.ok(rowBytes / Buffer.byteLength(text) > 0.9, 'the timeline is nearly all of it');
    assert.equal(service.analyze(text).timeline?.tables[0].rows.length, rows.length);
  });
});
