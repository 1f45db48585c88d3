/**
 * `npm run corpus`: the checks' precision and recall over test/corpus, per rule and in all, and
 * every false alarm and missed defect with its file and line. The corpus test fails below 100%.
 */
import { evaluateCorpus, figures } from '../test/support/corpus';
import { rules } from '../server/src/service/rules';

const results = evaluateCorpus();
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const postmortems = results.filter((r) => r.fixture.folder !== 'not-postmortems');
console.log(`${results.length} documents: ${postmortems.length} post-mortems (${results.filter((r) => r.fixture.folder === 'filled').length} complete, ${results.filter((r) => r.fixture.folder === 'partial').length} drafts), ${results.length - postmortems.length} other Markdown files\n`);
console.log('| rule | found | false alarms | missed | precision | recall |\n|---|---|---|---|---|---|');
for (const rule of rules) {
  const f = figures(results, rule.id);
  if (f.found + f.falseAlarms + f.missed === 0) continue;
  console.log(`| ${rule.id} | ${f.found} | ${f.falseAlarms} | ${f.missed} | ${percent(f.precision)} | ${percent(f.recall)} |`);
}
const all = figures(results);
console.log(`| **all** | ${all.found} | ${all.falseAlarms} | ${all.missed} | ${percent(all.precision)} | ${percent(all.recall)} |`);
const detection = results.filter((r) => r.postmortem !== (r.fixture.folder !== 'not-postmortems'));
console.log(`\nDetection: ${results.length - detection.length} of ${results.length} documents told right.`);
for (const r of detection) console.log(`  ${r.fixture.folder}/${r.fixture.name}: ${r.postmortem ? 'taken for a post-mortem' : 'not taken for a post-mortem'}`);
for (const r of results) {
  if (!r.falseAlarms.length && !r.missed.length) continue;
  console.log(`\n${r.fixture.folder}/${r.fixture.name}`);
  for (const f of r.falseAlarms) console.log(`  false alarm ${f}`);
  for (const m of r.missed) console.log(`  missed      ${m}`);
}
if (all.precision < 1 || all.recall < 1 || detection.length) process.exitCode = 1;
