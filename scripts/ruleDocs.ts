/**
 * The rule documentation, made from each rule's metadata and prose (server/src/service/rules).
 * `npm run docs` writes docs/rules/; a unit test fails when the committed files are stale.
 */
import { rules } from '../server/src/service/rules';

export function ruleDocFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) {
    files.set(
      `${rule.id}.md`,
      `# ${rule.id}\n\n${rule.description}\n\n- Default level: **${rule.defaultLevel}**\n- Setting: \`"postmortem.rules": { "${rule.id}": "off" | "hint" | "information" | "warning" | "error" }\`\n\n${rule.docs}\n`,
    );
  }
  const rows = rules.map((r) => `| [${r.id}](${r.id}.md) | ${r.defaultLevel} | ${r.description} |`).join('\n');
  files.set('README.md', `# Rules\n\nEvery diagnostic has source \`postmortem\` and its rule id as code.\n\n| Rule | Default | What it reports |\n|---|---|---|\n${rows}\n`);
  return files;
}

if (require.main === module) {
  const { mkdirSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const dir = join(__dirname, '..', 'docs', 'rules');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of ruleDocFiles()) writeFileSync(join(dir, name), text);
  console.log(`wrote ${ruleDocFiles().size} files to docs/rules`);
}
