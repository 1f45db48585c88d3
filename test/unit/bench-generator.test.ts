import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPostmortemService } from '../../server/src/service';
import { benchDocuments, generateBenchDocument, generatePostmortem, KB, MB, type Shape } from '../../bench/generate';
import { customSchema, customTemplate } from '../support/customTemplate';
import { service, templateText } from '../support/service';

const template = { text: templateText, schema: service.template.schema };

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
    const a = generatePostmortem(template, { targetBytes: 100 * KB, seed: 7 });
    const b = generatePostmortem(template, { targetBytes: 100 * KB, seed: 7 });
    const c = generatePostmortem(template, { targetBytes: 100 * KB, seed: 8 });
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('hits each target size within 10%', () => {
    for (const spec of benchDocuments) {
      const bytes = Buffer.byteLength(generateBenchDocument(template, spec));
      const ratio = bytes / spec.targetBytes;
      assert.ok(ratio > 0.9 && ratio < 1.1, `${spec.name}: ${bytes} bytes for ${spec.targetBytes} (${ratio.toFixed(3)})`);
    }
  });

  it('makes post-mortems the service recognises, with filled and unfilled fields', () => {
    for (const spec of benchDocuments.filter((s) => s.targetBytes <= MB)) {
      const text = generateBenchDocument(template, spec);
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

  it('makes the shapes of the cold-open benchmark: long log blocks, many placeholders', () => {
    const of = (shape: Shape) => {
      const text = generatePostmortem(template, { targetBytes: MB, seed: 3, shape });
      const analysis = service.analyze(text);
      assert.equal(analysis.looksLikePostmortem, true, shape);
      return { text, placeholders: analysis.doc.placeholders.length };
    };
    const mixed = of('mixed');
    const logs = of('logs');
    const fenced = logs.text.split('\n').filter((l) => /^\[\d{4}-\d\d-\d\dT/.test(l)).reduce((n, l) => n + l.length + 1, 0);
    assert.ok(fenced / Buffer.byteLength(logs.text) > 0.8, `log lines are ${((100 * fenced) / Buffer.byteLength(logs.text)).toFixed(0)}% of the logs shape`);
    const placeholders = of('placeholders');
    assert.ok(placeholders.placeholders > 10 * mixed.placeholders, `${placeholders.placeholders} placeholders, ${mixed.placeholders} in the mixed shape`);
  });

  it("reads fields, values and the timeline's columns from the template's schema, not from the shipped template", () => {
    const custom = createPostmortemService(customTemplate, customSchema);
    const text = generatePostmortem({ text: customTemplate, schema: custom.template.schema }, { targetBytes: 20 * KB, seed: 5, unfilledShare: 0 });
    assert.match(text, /^\*\*Impact\*\*: (NONE|SOME|ALL)\b/m);
    const rows = text.split('\n').filter((l) => /^\| \d{4}-/.test(l));
    assert.ok(rows.length > 50, `${rows.length} timeline rows`);
    assert.ok(rows.every((r) => r.split('|').length === 4), 'two cells a row: When, What');
    const analysis = custom.analyze(text);
    assert.equal(analysis.looksLikePostmortem, true);
    assert.deepEqual(custom.diagnostics(analysis), []);
  });

  it('makes a worst case of one timeline of 10,000+ rows and little else', () => {
    const spec = benchDocuments.find((s) => s.shape === 'timeline')!;
    const text = generateBenchDocument(template, spec);
    const rows = text.split('\n').filter((l) => /^\| \d{4}-\d\d-\d\d /.test(l));
    assert.ok(rows.length >= 10000, `${rows.length} rows`);
    const rowBytes = rows.reduce((n, r) => n + r.length + 1, 0);
    assert.ok(rowBytes / Buffer.byteLength(text) > 0.9, 'the timeline is nearly all of it');
    assert.equal(service.analyze(text).timeline?.tables[0].rows.length, rows.length);
  });
});
