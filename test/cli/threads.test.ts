/**
 * postmortem-check on many files (dist/cli.js, as a CI job runs it): checked by worker threads,
 * it prints exactly what it prints when it checks them one by one in its main thread (same
 * stdout, stderr and exit status, in file order, JSON the same to the byte); a worker that dies
 * stops the check with status 2 instead of hanging it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { customSchema, customTemplate } from '../support/customTemplate';
import { repoRoot, templateText } from '../support/service';
import { cleanPostmortem } from '../support/corpus';

const cli = join(repoRoot, 'dist/cli.js');

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Run {
  // A timeout, so that a check that hangs fails the test instead of stalling it.
  const result = spawnSync(process.execPath, [...nodeArgs, cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Well over the 50 files from which workers check by default: the corpus (complete, draft and
 * ordinary documents, CRLF, BOMs, front matter) and small post-mortems made from the template
 * and a filled one, some broken, some opted out, some no post-mortem at all, in nested folders.
 */
function manyFiles(): string {
  const root = mkdtempSync(join(tmpdir(), 'pm-threads-'));
  cpSync(join(repoRoot, 'test/corpus'), join(root, 'corpus'), { recursive: true });
  const filled = cleanPostmortem();
  for (let i = 0; i < 120; i++) {
    const folder = join(root, 'postmortems', `team-${i % 4}`);
    mkdirSync(folder, { recursive: true });
    // Each an incident of its own, with its own ID.
    let text = i % 6 === 0 ? templateText : filled.replace('INC-20261120-01', `INC-20261120-${100 + i}`);
    if (i % 3 === 1) text = text.replace(/^\*\*Severity\*\*: .*$/m, `**Severity**: SEV${i}`);
    if (i % 5 === 2) text = text.replace(/^\*\*Duration\*\*: .*$/m, '**Duration**: [TOTAL DURATION]');
    if (i % 7 === 3) text = `---\npostmortem: false\n---\n${text}`;
    if (i % 11 === 4) text = `# Notes ${i}\n\n**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]\n`;
    if (i % 13 === 5) text = `\ufeff${text.replace(/\n/g, '\r\n')}`;
    writeFileSync(join(folder, `pm-${String(i).padStart(3, '0')}.md`), text);
  }
  writeFileSync(join(root, 'README.md'), '# Our post-mortems\n\n**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]\n');
  return root;
}

/** The files named in a text output, in the order printed, each once. */
const filesIn = (stdout: string) => [...new Set(stdout.split('\n').filter(Boolean).map((l) => l.replace(/:\d+:\d+: .*$/, '')))];

describe('postmortem-check on worker threads', () => {
  const root = manyFiles();

  it('prints the same on 3 worker threads, by default and in the main thread, for every format and option', () => {
    const cases = [['.'], ['--format', 'json', '.'], ['--format', 'github', 'postmortems', 'corpus'], ['--all', '-q', '.'], ['--rule', 'unfilled-placeholder=error', '--date-order', 'dmy', '--folder', 'corpus', '.']];
    for (const args of cases) {
      const single = run(['--threads', '1', ...args], root);
      assert.notEqual(single.stdout, '', args.join(' '));
      assert.match(single.stderr, / in \d+ post-mortems/, args.join(' '));
      for (const threads of [['--threads', '3'], []]) {
        const other = run([...threads, ...args], root);
        assert.deepEqual(other, single, [...threads, ...args].join(' '));
      }
    }
  });

  it('keeps the files in order: the order they are found in, folder by folder, by name', () => {
    const { stdout } = run(['--threads', '3', 'postmortems'], root);
    const printed = filesIn(stdout);
    assert.ok(printed.length > 50, `${printed.length} files with findings`);
    assert.deepEqual(printed, [...printed].sort());
    const named = readdirSync(join(root, 'postmortems/team-1')).map((n) => join('postmortems/team-1', n));
    assert.deepEqual(filesIn(run(['--threads', '3', ...named], root).stdout), filesIn(run(['--threads', '1', ...named], root).stdout));
  });

  it('writes one JSON document, as JSON.stringify(list, null, 2) writes it', () => {
    const { stdout, status } = run(['--threads', '3', '--format', 'json', '.'], root);
    const list = JSON.parse(stdout) as { file: string; diagnostics: unknown[] }[];
    assert.ok(list.length > 50);
    assert.equal(stdout, `${JSON.stringify(list, null, 2)}\n`);
    assert.equal(status, 1);
    const clean = run(['--threads', '3', '--format', 'json', '--rule', 'invalid-choice=off', '-q', 'postmortems'], root);
    assert.equal(clean.stdout, '[]\n');
  });

  it("loads a team's template in each worker", () => {
    const custom = mkdtempSync(join(tmpdir(), 'pm-threads-'));
    mkdirSync(join(custom, 'templates'));
    writeFileSync(join(custom, 'templates/outage.md'), customTemplate);
    writeFileSync(join(custom, 'templates/outage.schema.yaml'), customSchema);
    for (let i = 0; i < 60; i++) writeFileSync(join(custom, `r${i}.md`), customTemplate.replace('[NONE/SOME/ALL]', ['NONE', 'HALF', 'MOST', ''][i % 4]));
    const single = run(['--threads', '1', '--template', 'templates/outage.md', '.'], custom);
    assert.match(single.stdout, /^r1\.md:5:13: error: Impact 'HALF' is not one of NONE, SOME or ALL \[invalid-choice\]$/m);
    assert.deepEqual(run(['--threads', '2', '--template', 'templates/outage.md', '.'], custom), single);
  });

  it('tells paths that do not exist as the main thread does, and checks the rest', () => {
    const single = run(['--threads', '1', 'nowhere', 'postmortems'], root);
    assert.equal(single.status, 2);
    assert.deepEqual(run(['--threads', '3', 'nowhere', 'postmortems'], root), single);
  });

  it('stops with status 2 and the file it was checking when a worker dies, and does not hang', () => {
    // The crash is injected from the test side: a module preloaded into every thread (test/support/crashingWorker.cjs).
    const result = run(['--threads', '2', 'postmortems'], root, { POSTMORTEM_TEST_CRASH_ON: 'pm-050.md' }, ['--require', join(repoRoot, 'test/support/crashingWorker.cjs')]);
    assert.equal(result.signal, null, 'ended by itself');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^postmortem-check: postmortems\/team-2\/pm-050\.md: the check failed: a worker thread stopped: Error: asked to crash on pm-050\.md/m);
    assert.doesNotMatch(result.stderr, / in \d+ post-mortems/, 'no summary of a check that did not finish');
    assert.doesNotMatch(result.stdout, /pm-050\.md/);
  });

  it('stops quietly when its reader stops early (| head)', () => {
    const result = spawnSync('sh', ['-c', `node '${cli}' --threads 2 . | head -n 1`], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.stdout.split('\n').length, 2);
    assert.doesNotMatch(result.stderr, /EPIPE|Error|\n\s+at /);
  });

  it('refuses a --threads that is no whole number of at least 1', () => {
    for (const threads of ['0', 'two', '-1', '1.5']) {
      const result = run([`--threads=${threads}`, '.'], root);
      assert.equal(result.status, 2, threads);
      assert.match(result.stderr, new RegExp(`--threads ${threads.replace('.', '\\.')}: must be a whole number of at least 1`));
    }
  });
});

describe('postmortem-check when its output is full', () => {
  it('waits for it to drain and writes the same, in the same order', async () => {
    // The bundle's main, called in this process with an output that is full every third write.
    const { main } = require(cli) as typeof import('../../cli/src/check');
    const root = mkdtempSync(join(tmpdir(), 'pm-drain-'));
    cpSync(join(repoRoot, 'test/corpus'), root, { recursive: true });
    const collect = async (full: boolean, threads: string[] = ['--threads', '1']) => {
      const out: string[] = [];
      const err: string[] = [];
      let drains = 0;
      let writes = 0;
      const status = await main(
        [...threads, '--format', 'json', root],
        (text) => {
          out.push(text);
          return !full || ++writes % 3 !== 0;
        },
        (text) => err.push(text),
        () => new Promise((resolve) => setTimeout(() => resolve(void drains++), 2)),
      );
      return { status, out: out.join(''), err: err.join(''), drains };
    };
    const flowing = await collect(false);
    const full = await collect(true);
    assert.ok(full.drains > 5, `${full.drains} drains`);
    assert.equal(flowing.drains, 0);
    assert.deepEqual({ ...full, drains: 0 }, flowing);
    const workers = await collect(true, ['--threads', '2']);
    assert.deepEqual({ ...workers, drains: 0 }, flowing);
    assert.equal(flowing.out, `${JSON.stringify(JSON.parse(flowing.out), null, 2)}\n`);
  });
});
