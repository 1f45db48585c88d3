import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaError } from '../../server/src/service/template/schema';
import { parseSchema } from '../../server/src/service/template/schemaYaml';
import { createPostmortemService } from '../../server/src/service';
import { schemaText } from '../support/service';

function problems(yaml: string): string[] {
  try {
    parseSchema(yaml, 'custom.yaml');
  } catch (error) {
    assert.ok(error instanceof SchemaError);
    return error.message.split('\n');
  }
  return [];
}

describe('template schema', () => {
  it('reads the shipped schema', () => {
    const schema = parseSchema(schemaText);
    assert.equal(schema.fields.find((f) => f.label === 'Severity')?.values?.length, 4);
    assert.equal(schema.fields.find((f) => f.label === 'After Fixes')?.values?.[0].value, 'HIGH');
    assert.equal(schema.timeline?.milestones.length, 7);
  });

  it('points at the line of each problem', () => {
    assert.deepEqual(problems('name: x\nfields:\n  - label: A\n    kind: colour\n'), [
      "custom.yaml:4: fields.0.kind: unknown kind 'colour' (expected one of text, choice, datetime, date, duration, number, percentage, person, id)",
    ]);
    assert.deepEqual(problems('name: x\nbogus: 1\n'), [
      'custom.yaml:2: bogus: unknown key (expected one of name, template, detection, requiredSections, sectionAliases, pendingSections, fields, timeline, metrics, review, blameless, snippets, newDocument, actionItems, insights)',
    ]);
    assert.match(problems('fields: [\n')[0], /^custom\.yaml:\d+: /);
    assert.deepEqual(problems('- a\n- b\n'), ['custom.yaml:1: the schema must be a YAML mapping']);
  });

  it('reports unknown keys and wrong types inside the schema too, at their lines', () => {
    assert.deepEqual(problems('fields:\n  - label: A\n    kind: number\n    mni: 0\n  - label: B\n    kind: choice\n    values:\n      - { value: X, meanin: y }\ndetection: often\ntimeline:\n  section: T\n  columns: { time: When, evnt: What }\nnewDocument:\n  idFromat: x\n'), [
      'custom.yaml:4: fields.0.mni: unknown key (expected one of label, section, kind, values, min, max, integer, afterIncident, parts)',
      'custom.yaml:8: fields.1.values.0.meanin: unknown key (expected one of value, meaning, aliases)',
      'custom.yaml:9: detection: must be a mapping of minSectionShare, minRequiredShare, minFields, frontMatterKey',
      'custom.yaml:12: timeline.columns.evnt: unknown key (expected one of time, date, event, component, action)',
      'custom.yaml:14: newDocument.idFromat: unknown key (expected one of titlePrefix, idField, idFormat, dateField)',
    ]);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const started = Date.now();
    const found = problems(bomb.join('\n'));
    assert.ok(found.length > 0);
    assert.ok(Date.now() - started < 2000);
  });

  it('supports another template without new code', () => {
    const template = '# Outage report\n\n## Summary\n\n**Impact**: [LOW/HIGH]\n\n## Steps\n\n| When | What |\n|---|---|\n| [time] | [what] |\n';
    const schema = 'name: Outage\nrequiredSections: [Summary, Steps]\nfields:\n  - label: Impact\n    section: Summary\n    kind: choice\n    values: [LOW, HIGH]\ntimeline:\n  section: Steps\n  columns: { time: When, event: What }\n';
    const custom = createPostmortemService(template, schema);
    const text = '# Outage report\n\n## Summary\n\n**Impact**: MEDIUM\n\n## Steps\n\n| When | What |\n|---|---|\n| 10:00 | a |\n| 09:00 | b |\n';
    const d = custom.diagnostics(custom.analyze(text));
    assert.deepEqual(d.map((x) => x.code), ['invalid-choice', 'timeline-out-of-order']);
    assert.equal(d[0].message, "Impact 'MEDIUM' is not one of LOW or HIGH");
  });
});
