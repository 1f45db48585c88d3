// markdownlint (sync API, default rules) over the Markdown files of a folder, as
// markdownlint-cli2 runs it: each file read from disk and linted, its issues printed one a line
// (file:line rule description). The benchmark (bench/cli.ts) times the whole process beside
// postmortem-check on the same files; one line on stderr per file done lets it count the files
// finished when it stops this at its time cap.
//
//   node bench/peer-files.mjs <folder>
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/sync';

const folder = process.argv[2];
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => join(folder, name));
for (const file of files) {
  const issues = lint({ files: [file] })[file];
  let out = '';
  for (const i of issues) out += `${file}:${i.lineNumber} ${i.ruleNames.join('/')} ${i.ruleDescription}${i.errorDetail ? ` [${i.errorDetail}]` : ''}\n`;
  process.stdout.write(out);
  process.stderr.write(`${issues.length}\n`);
}
