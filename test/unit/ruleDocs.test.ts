import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ruleDocFiles } from '../../scripts/ruleDocs';
import { rules } from '../../server/src/service/rules';
import { repoRoot } from '../support/service';

describe('rule metadata', () => {
  it('has unique ids', () => assert.equal(new Set(rules.map((r) => r.id)).size, rules.length));

  it('docs/rules is generated from it (run npm run docs when this fails)', () => {
    for (const [name, text] of ruleDocFiles()) {
      assert.equal(readFileSync(join(repoRoot, 'docs/rules', name), 'utf8'), text, `docs/rules/${name} is stale`);
    }
  });

  it('package.json has a setting for every rule, with its default level', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const properties = manifest.contributes.configuration.properties['postmortem.rules'].properties;
    assert.deepEqual(Object.keys(properties).sort(), rules.map((r) => r.id).sort());
    for (const rule of rules) assert.equal(properties[rule.id].default, rule.defaultLevel, rule.id);
  });
});
