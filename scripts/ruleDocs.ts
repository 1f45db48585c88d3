/**
 * The rule documentation and the `postmortem.rules` setting, made from each rule's metadata
 * (server/src/service/rules/<rule>.ts) and prose (server/src/service/rules/docs/<rule-id>.md,
 * kept out of the bundles). `npm run docs` writes docs/rules/ and the setting in package.json; a
 * unit test fails when either is stale, and another runs every example.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleLevels, rules, type Rule, type RuleExamples } from '../server/src/service/rules';

/** A rule's prose: what it reports, why, and how to fix it. */
export function proseOf(rule: Rule): string {
  return readFileSync(join(__dirname, '..', 'server', 'src', 'service', 'rules', 'docs', `${rule.id}.md`), 'utf8').trimEnd();
}



export function ruleDocFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) {
    files.set(
      `${rule.id}.md`,
      `# ${rule.id}\n\n${rule.description}\n\n- Default level: **${rule.defaultLevel}**\n- Setting: \`"postmortem.rules": { "${rule.id}": "off" | "hint" | "information" | "warning" | "error" }\`\n\n${proseOf(rule)}\n${examplesSection(rule)}`,
    );
  }
  const rows = rules.map((r) => `| [${r.id}](${r.id}.md) | ${r.defaultLevel} | ${r.description} |`).join('\n');
  files.set('README.md', `# Rules\n\nEvery diagnostic has source \`postmortem\` and its rule id as code.\n\n| Rule | Default | What it reports |\n|---|---|---|\n${rows}\n`);
  return files;
}

/** The rule's examples as a table: accepted and reported values, per field (checked by test/unit/ruleDocs.test.ts). */
function examplesSection(rule: Rule): string {
  const examples = examplesOf(rule);
  if (!examples.length) return '';
  const cell = (values: readonly string[]) => values.map((v) => (v === '' ? '*(empty)*' : `\`${v.replace(/\|/g, '\\|')}\``)).join(', ');
  const rows = examples.map((e) => `| ${e.field === 'Timeline' ? 'Timeline row' : e.field} | ${cell(e.accepted)} | ${cell(e.rejected)} |`).join('\n');
  return `\n## Examples\n\nValues in the shipped template, as the rule reads them:\n\n| Field | Not reported | Reported |\n|---|---|---|\n${rows}\n`;
}

export function examplesOf(rule: Rule): RuleExamples[] {
  return rule.examples === undefined ? [] : Array.isArray(rule.examples) ? rule.examples : [rule.examples];
}

/** The `postmortem.rules` setting of package.json: one entry per rule with its levels, default and description. */
export function rulesSetting(previous: Record<string, unknown>): Record<string, unknown> {
  return {
    ...previous,
    markdownDescription:
      'Level of each post-mortem check: `off`, `hint`, `information`, `warning` or `error`. A rule left out keeps the level the post-mortem\'s review status gives it (`status: draft` in its front matter makes what is left to fill a hint; `in-review` and `final` make it an error), else its own level, shown beside each rule below. Each rule is described on its page: [Show Rule Documentation](command:postmortem.showRuleDocs).',
    // Only what the user sets: a rule left out keeps the level its post-mortem's review status
    // gives it (a draft's gaps are hints), else its own. Each rule's own level is its property's default.
    default: {},
    properties: Object.fromEntries(rules.map((r) => [r.id, { type: 'string', enum: ruleLevels, default: r.defaultLevel, description: r.description }])),
    additionalProperties: false,
  };
}

if (require.main === module) {
  const { mkdirSync, readFileSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const dir = join(__dirname, '..', 'docs', 'rules');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of ruleDocFiles()) writeFileSync(join(dir, name), text);
  const manifestPath = join(__dirname, '..', 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const properties = manifest.contributes.configuration.properties;
  properties['postmortem.rules'] = rulesSetting(properties['postmortem.rules']);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${ruleDocFiles().size} files to docs/rules and the postmortem.rules setting to package.json`);
}
