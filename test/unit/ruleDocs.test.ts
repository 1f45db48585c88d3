import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { examplesOf, ruleDocFiles, rulesSetting } from '../../scripts/ruleDocs';
import { rules } from '../../server/src/service/rules';
import { repoRoot, service, templateText } from '../support/service';

describe('rule metadata', () => {
  it('has unique ids', () => assert.equal(new Set(rules.map((r) => r.id)).size, rules.length));

  it('docs/rules is generated from it (run npm run docs when this fails)', () => {
    for (const [name, text] of ruleDocFiles()) {
      assert.equal(readFileSync(join(repoRoot, 'docs/rules', name), 'utf8'), text, `docs/rules/${name} is stale`);
    }
  });

  it('package.json has the postmortem.rules setting made from it (run npm run docs when this fails)', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['postmortem.rules'];
    assert.deepEqual(setting, rulesSetting(setting));
  });
});

/** The template with field `label`'s value (or, for `Timeline`, the first timeline row's Time cell, or the whole row) replaced. */
function withExample(label: string, example: string): { text: string; line: number } {
  const analysis = service.analyze(templateText);
  const lines = templateText.split('\n');
  if (label === 'Timeline') {
    const row = analysis.timeline!.tables[0].rows[0].row;
    lines[row.line] = example.startsWith('|') ? example : `| ${example} | Incident start | web | Paged the on-call |`;
    return { text: lines.join('\n'), line: row.line };
  }
  const field = analysis.doc.fields.find((f) => f.label === label && analysis.fieldSpec(analysis.doc.fields.indexOf(f)));
  assert.ok(field, `the template has no field ${label}`);
  const text = lines[field.line];
  lines[field.line] = `${text.slice(0, field.valueStart).trimEnd()} ${example}`.trimEnd();
  // The incident's own values make the timeline's and the ID's context: a filled Date/Time.
  return { text: lines.join('\n'), line: field.line };
}

describe('rule examples (the tables on the rule pages) are what the rules do', () => {
  for (const rule of rules) {
    for (const { field, accepted, rejected } of examplesOf(rule)) {
      it(`${rule.id}: ${field}`, () => {
        const onLine = (example: string) => {
          const { text, line } = withExample(field, example);
          return service.diagnostics(service.analyze(text)).filter((d) => d.code === rule.id && d.range.start.line === line);
        };
        for (const example of accepted) assert.deepEqual(onLine(example).map((d) => d.message), [], `${JSON.stringify(example)} is reported`);
        for (const example of rejected) assert.ok(onLine(example).length > 0, `${JSON.stringify(example)} is not reported`);
      });
    }
  }
});
