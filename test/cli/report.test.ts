/**
 * postmortem-check report, from the built bundle (dist/cli.js): the workspace index of a folder
 * as Markdown (a table of post-mortems, one of open action items, overdue first, and the IDs
 * used twice), JSON and CSV, with --today; and bad input told clearly.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cleanPostmortem } from '../support/corpus';
import { repoRoot } from '../support/service';

const cli = join(repoRoot, 'dist/cli.js');
const run = (args: string[], cwd: string) => {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** Three post-mortems (two sharing an ID), a README, and open items due before and after 2026-12-01. */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'pm-report-'));
  mkdirSync(join(root, 'postmortems'), { recursive: true });
  const items = (lines: string) => cleanPostmortem().replace(/## Action Items\n[\s\S]*?(?=\n## )/, `## Action Items\n\n${lines}\n`);
  writeFileSync(
    join(root, 'postmortems', '2026-11-20-db-failover.md'),
    items('- [ ] Alert on replica lag | per cluster - @maria - 2026-11-27\n- [x] Roll back the config - @bob - 2026-11-21\n- [ ] Fence the old primary - @lukas - 2026-12-11 - [DB-42](https://jira.example.com/DB-42)'),
  );
  writeFileSync(
    join(root, 'postmortems', 'copy.md'),
    items('- [ ] Load test the "import", again - Ana Pereira - 2026-11-25').replace(/^# .*$/m, '# Post-Mortem: Copied failover'),
  );
  writeFileSync(
    join(root, 'postmortems', 'cache.md'),
    items('- [x] Warm the cache - @ana - 2026-11-21').replace(/^# .*$/m, '# Post-Mortem: Cache stampede').replace('INC-20261120-01', 'INC-20261120-02'),
  );
  writeFileSync(join(root, 'README.md'), '# Our post-mortems\n');
  return root;
}

describe('postmortem-check report', () => {
  it('writes the post-mortems and the open action items, overdue first, as Markdown', () => {
    const root = repository();
    const { status, stdout, stderr } = run(['report', '--today', '2026-12-01', '.'], root);
    assert.equal(status, 0, stderr);
    const lines = stdout.split('\n');
    assert.equal(lines[0], '# Post-mortems');
    assert.equal(lines[2], '3 post-mortems, 3 open action items (2 overdue), on 2026-12-01.');
    const table = lines.filter((l) => l.startsWith('| INC-'));
    assert.equal(table.length, 3);
    assert.ok(table.some((l) => l.startsWith('| INC-20261120-02 | Cache stampede | 2026-11-20 | CRITICAL |')), table.join('\n'));
    const items = lines.slice(lines.indexOf('## Open action items'));
    const line = (file: string, needle: string) => readFileSync(join(root, 'postmortems', file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
    assert.deepEqual(items.slice(2, 6), [
      '| Due | Owner | Action | Ticket | Post-mortem | Where |',
      '| --- | --- | --- | --- | --- | --- |',
      `| 2026-11-25 (overdue, 6 days) | Ana Pereira | Load test the "import", again |  | INC-20261120-01 | postmortems/copy.md:${line('copy.md', 'Load test')} |`,
      `| 2026-11-27 (overdue, 4 days) | @maria | Alert on replica lag \\| per cluster |  | INC-20261120-01 | postmortems/2026-11-20-db-failover.md:${line('2026-11-20-db-failover.md', 'Alert on replica lag')} |`,
    ]);
    assert.match(items[6], /^\| 2026-12-11 \| @lukas \| Fence the old primary \| \[DB-42\]\(https:\/\/jira\.example\.com\/DB-42\) \|/);
    assert.ok(stdout.includes('## Incident IDs used more than once\n\n- INC-20261120-01: postmortems/2026-11-20-db-failover.md, postmortems/copy.md\n'), stdout);
  });

  it('writes JSON and CSV for tools and spreadsheets', () => {
    const root = repository();
    const json = JSON.parse(run(['report', '--format', 'json', '--today', '2026-12-01', '.'], root).stdout);
    assert.equal(json.today, '2026-12-01');
    assert.equal(json.postmortems.length, 3);
    assert.deepEqual(json.duplicateIds, [{ id: 'INC-20261120-01', files: ['postmortems/2026-11-20-db-failover.md', 'postmortems/copy.md'] }]);
    const overdue = json.openActionItems.filter((i: { overdue: boolean }) => i.overdue);
    assert.deepEqual(overdue.map((i: { owner: string; daysLate: number }) => [i.owner, i.daysLate]), [['Ana Pereira', 6], ['@maria', 4]]);
    const csv = run(['report', '--format', 'csv', '--table', 'items', '--today', '2026-12-01', '.'], root).stdout.split('\r\n');
    assert.equal(csv[0], 'file,line,id,postmortem,state,due,days late,owner,action,ticket,horizon');
    const copyLine = readFileSync(join(root, 'postmortems', 'copy.md'), 'utf8').split('\n').findIndex((l) => l.includes('Load test')) + 1;
    assert.equal(csv[1], `postmortems/copy.md,${copyLine},INC-20261120-01,Copied failover,open,2026-11-25,6,Ana Pereira,"Load test the ""import"", again",,`);
    const postmortems = run(['report', '--format', 'csv', '.'], root).stdout.split('\r\n');
    assert.match(postmortems[0], /^file,id,title,date,Severity,Category,Detection Method,status,unfilled,Duration \(s\),/);
    assert.equal(postmortems.filter((l) => l !== '').length, 4);
  });

  it('says what is wrong with a bad option, and lists its options on --help', () => {
    const root = repository();
    const bad = run(['report', '--format', 'pdf', '.'], root);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'postmortem-check report: --format pdf: must be markdown, json or csv\nRun postmortem-check report --help for the options.\n');
    const none = run(['report'], root);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no folder to report on/);
    const help = run(['report', '--help'], root);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: postmortem-check report \[options\] <folder>\.\.\./);
  });
});

describe('postmortem-check on post-mortems that share an Incident ID', () => {
  it('reports the ID on each of them, after the other findings, as warnings that --max-warnings counts', () => {
    const root = repository();
    const { status, stdout, stderr } = run(['--today', '2026-11-21', '--max-warnings', '0', '--rule', 'metric-mismatch=off', 'postmortems'], root);
    assert.equal(status, 1, stderr);
    const idLine = readFileSync(join(root, 'postmortems', 'copy.md'), 'utf8').split('\n').findIndex((l) => l.startsWith('**Incident ID**')) + 1;
    assert.deepEqual(stdout.split('\n').filter((l) => l.includes('[duplicate-incident-id]')), [
      `postmortems/2026-11-20-db-failover.md:${idLine}:18: warning: Incident ID INC-20261120-01 is also the ID of postmortems/copy.md: give this post-mortem an ID of its own (INC-20261120-03 is free) [duplicate-incident-id]`,
      `postmortems/copy.md:${idLine}:18: warning: Incident ID INC-20261120-01 is also the ID of postmortems/2026-11-20-db-failover.md: give this post-mortem an ID of its own (INC-20261120-03 is free) [duplicate-incident-id]`,
    ]);
    assert.match(stderr, /2 warnings in 3 post-mortems/);
    // Off, it is not reported.
    const off = run(['--today', '2026-11-21', '--rule', 'duplicate-incident-id=off', 'postmortems'], root);
    assert.ok(!off.stdout.includes('duplicate-incident-id'));
  });
});
