/**
 * A team's template and schema are files anyone can get wrong: whatever their text, reading the
 * schema answers a schema or problems (never a throw) with every problem's line inside the file,
 * and a template that reads is made into a service, checked against its schema and used on a
 * document without a throw. The schemas are the custom one with lines deleted, duplicated,
 * swapped, re-indented or cut, and stray YAML characters; the templates are mutated likewise.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { templateMismatches } from '../../host/templateConsistency';
import { readSchemaYaml } from '../../host/schemaReader';
import { serviceFor } from '../../server/src/service';
import { templateModelOf } from '../../server/src/service/template/templateModel';
import { customSchema, customTemplate } from '../support/customTemplate';
import { schemaText, templateText } from '../support/service';
import { parameters } from './config';

const yamlBits = [': ', '- ', '&a ', '*a', '[', ']', '{', '}', '"', "'", '#', '|', '>', '\t', '  ', '!!str ', '---', '...', '%YAML 1.2', '? ', '<<: *a', 'null', '~', '1e9', '-', 'kind: choice', 'values: []', 'label:', 'section: Nowhere'];

/** A text's lines, mutated: deleted, duplicated, swapped, re-indented, cut, or given stray characters. */
function mutated(base: string): fc.Arbitrary<string> {
  const lines = base.split('\n');
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
    fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), keep: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), column: fc.nat(), text: fc.oneof(fc.constantFrom(...yamlBits), fc.string({ maxLength: 6 })) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    const out = [...lines];
    for (const e of edits) {
      if (out.length === 0) break;
      const at = e.at % out.length;
      if (e.kind === 'delete') out.splice(at, 1);
      else if (e.kind === 'duplicate') out.splice(at, 0, out[at]);
      else if (e.kind === 'swap') [out[at], out[e.to % out.length]] = [out[e.to % out.length], out[at]];
      else if (e.kind === 'indent') out[at] = e.by >= 0 ? ' '.repeat(e.by) + out[at] : out[at].replace(new RegExp(`^ {0,${-e.by}}`), '');
      else if (e.kind === 'cut') out[at] = out[at].slice(0, e.keep % (out[at].length + 1));
      else {
        const column = e.column % (out[at].length + 1);
        out[at] = out[at].slice(0, column) + e.text + out[at].slice(column);
      }
    }
    return out.join('\n');
  });
}

/** Reads a schema and, when it reads, makes and uses the service: what the server does on each load. */
function load(template: string, schema: string): void {
  const read = readSchemaYaml(schema, 'team.schema.yaml');
  const lineCount = schema.split(/\r\n|\r|\n/).length;
  if (read.problems) {
    assert.ok(read.problems.length > 0);
    for (const p of read.problems) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lineCount, `problem line ${p.line} outside the file (${lineCount} lines): ${p.message}`);
      assert.equal(typeof p.message, 'string');
    }
    return;
  }
  const service = serviceFor(templateModelOf(template, read.schema));
  for (const m of templateMismatches(service, read.lineOf)) assert.ok(m.line >= 0 && m.line < (m.in === 'schema' ? lineCount : template.split('\n').length));
  const analysis = service.analyze(template);
  service.diagnostics(analysis);
  service.newDocument({ title: 'Disk full', date: '2026-11-28', existingTexts: [] });
}

describe('custom templates, mutated', () => {
  it('a mutated schema reads as a schema or as problems at lines of the file, never a throw', () => {
    fc.assert(fc.property(mutated(customSchema), (schema) => load(customTemplate, schema)), parameters(0.25));
  });

  it('the shipped schema mutated likewise', () => {
    fc.assert(fc.property(mutated(schemaText), (schema) => load(templateText, schema)), parameters(0.1));
  });

  it('a mutated template with a good schema is made into a service and used, never a throw', () => {
    fc.assert(fc.property(mutated(customTemplate), (template) => load(template, customSchema)), parameters(0.25));
  });
});
