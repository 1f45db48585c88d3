/**
 * postmortem-check, the bundled command-line checker (dist/cli.js), run as a CI job runs it:
 * which files it checks, what it prints in each format, its exit status, a team's template,
 * and bad input, each with a clear message and never a stack trace.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { customSchema, customTemplate } from '../support/customTemplate';
import { repoRoot, templateText } from '../support/service';
import { cleanPostmortem } from '../support/corpus';

const cli = join(repoRoot, 'dist/cli.js');
const filled = cleanPostmortem();

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A repository of post-mortems: one clean, one with problems, a README, and folders never searched. */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'pm-check-'));
  mkdirSync(join(root, 'postmortems/2026'), { recursive: true });
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
  writeFileSync(join(root, 'postmortems/clean.md'), filled);
  // Another incident: an ID of its own (one shared is duplicate-incident-id, tested in report.test.ts).
  const broken = filled.replace(/^\*\*Severity\*\*: .*$/m, '**Severity**: SEVERE').replace(/^\*\*Duration\*\*: .*$/m, '**Duration**: [TOTAL DURATION]').replace('INC-20261120-01', 'INC-20261120-02');
  writeFileSync(join(root, 'postmortems/2026/broken.md'), broken);
  writeFileSync(join(root, 'README.md'), '# Our post-mortems\n\n**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]\n');
  writeFileSync(join(root, '.git/old.md'), templateText);
  writeFileSync(join(root, 'node_modules/pkg/template.md'), templateText);
  return root;
}

const lineOf = (text: string, pattern: RegExp) => text.split(/\r?\n/).findIndex((l) => pattern.test(l)) + 1;

describe('postmortem-check', () => {
  it('checks the post-mortems under a folder, prints file:line:column: level: message [rule] in file order, and fails on errors', () => {
    const root = repository();
    const { status, stdout, stderr } = run(['.'], root);
    const broken = readFileSync(join(root, 'postmortems/2026/broken.md'), 'utf8');
    const durationLine = lineOf(broken, /^\*\*Duration\*\*:/);
    const severityLine = lineOf(broken, /^\*\*Severity\*\*:/);
    assert.equal(stdout, [
      `${join('postmortems', '2026', 'broken.md')}:${durationLine}:15: warning: Duration is not filled in: total duration [unfilled-placeholder]`,
      `${join('postmortems', '2026', 'broken.md')}:${severityLine}:15: error: Severity 'SEVERE' is not one of CRITICAL, HIGH, MEDIUM or LOW [invalid-choice]`,
      '',
    ].join('\n'));
    assert.equal(stderr, '1 error, 1 warning in 2 post-mortems (1 other Markdown file skipped: not a post-mortem; --all checks them)\n');
    assert.equal(status, 1);
  });

  it("follows each file's review status, and --status checks them all at one: drafts pass, a final one with gaps fails", () => {
    const root = mkdtempSync(join(tmpdir(), 'pm-check-status-'));
    const gap = filled.replace(/^\*\*Duration\*\*: .*$/m, '**Duration**: [TOTAL DURATION]');
    const withStatus = (status: string) => `---\nstatus: ${status}\n---\n${status === 'draft' ? gap.replace('INC-20261120-01', 'INC-20261120-02') : gap}`;
    writeFileSync(join(root, 'draft.md'), withStatus('draft'), 'utf8');
    writeFileSync(join(root, 'final.md'), withStatus('Final  # reviewed 2026-11-30'), 'utf8');
    const draftLine = lineOf(withStatus('draft'), /^\*\*Duration\*\*:/);
    const both = run(['draft.md', 'final.md'], root);
    assert.equal(both.stdout, [
      `draft.md:${draftLine}:15: hint: Duration is not filled in: total duration [unfilled-placeholder]`,
      `final.md:${draftLine}:15: error: Duration is not filled in: total duration [unfilled-placeholder]`,
      '',
    ].join('\n'));
    assert.equal(both.status, 1);
    // The draft alone passes, even with --max-warnings 0; checked as final it fails.
    assert.equal(run(['--max-warnings', '0', 'draft.md'], root).status, 0);
    const asFinal = run(['--status', 'final', '--quiet', 'draft.md'], root);
    assert.equal(asFinal.stdout, `draft.md:${draftLine}:15: error: Duration is not filled in: total duration [unfilled-placeholder]\n`);
    assert.equal(asFinal.status, 1);
    // --quiet keeps a final post-mortem's gaps: they are errors there.
    assert.equal(run(['--quiet', 'final.md'], root).status, 1);
    // A status the template does not have is a usage error.
    const bad = run(['--status', 'done', 'draft.md'], root);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, "postmortem-check: --status done: the template's review statuses are draft, in-review, final\nRun postmortem-check --help for the options.\n");
  });

  it('passes a clean post-mortem; rule levels, --quiet and --max-warnings decide what fails', () => {
    const root = repository();
    assert.equal(run(['postmortems/clean.md'], root).status, 0);
    const relaxed = run(['--rule', 'invalid-choice=warning', 'postmortems'], root);
    assert.equal(relaxed.status, 0, relaxed.stderr);
    assert.match(relaxed.stdout, /warning: Severity 'SEVERE'/);
    assert.equal(run(['--rule', 'invalid-choice=warning', '--max-warnings', '1', 'postmortems'], root).status, 1);
    assert.equal(run(['--rule', 'invalid-choice=warning', '--max-warnings', '2', 'postmortems'], root).status, 0);
    const quiet = run(['-q', 'postmortems'], root);
    assert.deepEqual(quiet.stdout.trim().split('\n').map((l) => l.replace(/^.*?: (\w+): .*\[(.*)\]$/, '$1 $2')), ['error invalid-choice']);
    const off = run(['--rule', 'invalid-choice=off', '--rule', 'unfilled-placeholder=off', 'postmortems'], root);
    assert.equal(off.stdout, '');
    assert.equal(off.status, 0);
  });

  it('checks other Markdown files with --all, but never one whose front matter says postmortem: false', () => {
    const root = repository();
    writeFileSync(join(root, 'postmortems/draft.md'), `---\npostmortem: false\n---\n${templateText}`);
    const all = run(['--all', '.'], root);
    assert.match(all.stdout, /^README\.md:3:15: warning: Severity is not filled in/m);
    assert.doesNotMatch(all.stdout, /draft\.md|\.git|node_modules/);
    assert.match(all.stderr, / in 3 post-mortems \(1 file skipped: postmortem: false in front matter\)\n$/);
  });

  it('checks every Markdown file of the post-mortem folder (--folder, postmortems by default), but its README', () => {
    const root = repository();
    const notes = '# Notes on the outage\n\n**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]\n';
    writeFileSync(join(root, 'postmortems/notes.md'), notes);
    writeFileSync(join(root, 'postmortems/README.md'), notes);
    mkdirSync(join(root, 'incidents'));
    writeFileSync(join(root, 'incidents/notes.md'), notes);
    const byDefault = run(['.'], root);
    assert.match(byDefault.stdout, /^postmortems\/notes\.md:3:15: warning: Severity is not filled in/m);
    assert.match(byDefault.stdout, /^postmortems\/notes\.md:1:1: warning: Section 'Incident Summary' is missing/m);
    assert.doesNotMatch(byDefault.stdout, /README\.md|incidents/);
    const other = run(['--folder', 'incidents', '.'], root);
    assert.match(other.stdout, /^incidents\/notes\.md:3:15: warning/m);
    assert.doesNotMatch(other.stdout, /postmortems\/notes\.md/);
    assert.equal(run(['--folder', '', '.'], root).status, 2);
  });

  it('reads ambiguous dates by --date-order, and says when it cannot', () => {
    const root = repository();
    const dated = filled.replace(/^### Review Date: .*$/m, '### Review Date: 04/12/2026');
    writeFileSync(join(root, 'postmortems/clean.md'), dated);
    const line = lineOf(dated, /^### Review Date: 04\/12\/2026/);
    const auto = run(['--format', 'json', 'postmortems/clean.md'], root);
    const hints = (JSON.parse(auto.stdout) as { diagnostics: { rule: string; level: string; message: string }[] }[])[0]?.diagnostics ?? [];
    assert.deepEqual(hints.map((d) => [d.rule, d.level]), [['ambiguous-date', 'hint']]);
    assert.match(hints[0].message, /04\/12\/2026 could be 4 December 2026 or 12 April 2026/);
    assert.equal(auto.status, 0, 'a hint fails nothing');
    assert.equal(run(['--date-order', 'dmy', 'postmortems/clean.md'], root).stdout, '');
    // Month first, 12 April is before the incident (20 November): a review cannot be.
    const mdy = run(['--date-order', 'mdy', 'postmortems/clean.md'], root);
    assert.match(mdy.stdout, new RegExp(`^postmortems/clean\\.md:${line}:\\d+: error: Review Date '04/12/2026' is before the incident, which began on 2026-11-20 \\[invalid-value\\]`, 'm'));
    assert.equal(mdy.status, 1);
    const bad = run(['--date-order', 'ymd', '.'], root);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--date-order ymd: must be one of auto, dmy, mdy/);
  });

  it('writes JSON for tools and annotations for GitHub Actions', () => {
    const root = repository();
    type Entry = {
      file: string;
      diagnostics: { line: number; column: number; endColumn: number; level: string; rule: string; message: string }[];
      metrics?: { start: { time: string | null } | null; end: { time: string | null } | null; metrics: { name: string; seconds: number; text: string; from: string; to: string; certain: boolean; written: string | null }[] };
    };
    const json = (JSON.parse(run(['--format', 'json', '.'], root).stdout) as Entry[]).sort((a, b) => a.file.localeCompare(b.file));
    // Every post-mortem with findings or numbers: the clean one is listed for its metrics.
    assert.deepEqual(json.map((e) => e.file), [join('postmortems', '2026', 'broken.md'), join('postmortems', 'clean.md')]);
    assert.deepEqual(json[0].diagnostics.map((d) => [d.level, d.rule, d.column, d.endColumn]), [['warning', 'unfilled-placeholder', 15, 31], ['error', 'invalid-choice', 15, 21]]);
    const clean = json[1];
    assert.deepEqual(clean.diagnostics, []);
    assert.equal(clean.metrics?.start?.time, '2026-11-20T14:02:00Z');
    assert.equal(clean.metrics?.end?.time, '2026-11-20T16:31:00Z');
    assert.deepEqual(
      clean.metrics?.metrics.map((m) => [m.name, m.seconds, m.text]),
      // Its diagnosis and mitigation rows name no milestone ("Two timelines confirmed", "Order entry halted").
      [['Duration', 8940, '2h 29m'], ['detection', 120, '2m'], ['investigation', 120, '2m']],
    );
    assert.equal(clean.metrics?.metrics[1].from, 'Incident start (row 2, 14:02)');
    assert.equal(clean.metrics?.metrics[1].written, '2 minutes from the failover to the first page.');

    writeFileSync(join(root, 'postmortems/2026/broken.md'), readFileSync(join(root, 'postmortems/2026/broken.md'), 'utf8').replace('**Severity**: SEVERE', '**Severity**: 50%'));
    const github = run(['--format', 'github', 'postmortems'], root).stdout.split('\n');
    assert.match(github[0], /^::warning file=postmortems\/2026\/broken\.md,line=\d+,col=15,endLine=\d+,endColumn=31,title=post-mortem unfilled-placeholder::Duration is not filled in: total duration$/);
    assert.match(github[1], /^::error file=.*,title=post-mortem invalid-choice::Severity '50%25' is not one of CRITICAL, HIGH, MEDIUM or LOW$/);
  });

  it('gives columns as VS Code counts them: UTF-16 code units, with CRLF line endings, a BOM and emoji', () => {
    const root = mkdtempSync(join(tmpdir(), 'pm-check-'));
    const text = `\ufeff${filled.replace(/^\*\*Severity\*\*: .*$/m, '**Severity**: 🔥🔥 SEVERE')}`.replace(/\r?\n/g, '\r\n');
    writeFileSync(join(root, 'emoji.md'), text);
    const [line] = run(['emoji.md'], root).stdout.split('\n');
    // "**Severity**: " is 14 code units, each emoji 2: the value starts at column 15.
    assert.equal(line, `emoji.md:${lineOf(text, /^\*\*Severity\*\*:/)}:15: error: Severity '🔥🔥 SEVERE' is not one of CRITICAL, HIGH, MEDIUM or LOW [invalid-choice]`);
  });

  it("checks with a team's own template, and refuses a broken one with the file and line to mend", () => {
    const root = mkdtempSync(join(tmpdir(), 'pm-check-'));
    mkdirSync(join(root, 'templates'));
    writeFileSync(join(root, 'templates/outage.md'), customTemplate);
    writeFileSync(join(root, 'templates/outage.schema.yaml'), customSchema);
    writeFileSync(join(root, 'report.md'), '# Outage report\n\n## Summary\n\n**Impact**: HALF\n\n## Steps\n\n| When | What |\n|---|---|\n| 10:00 | a |\n');
    const result = run(['--template', 'templates/outage.md', 'report.md'], root);
    assert.equal(result.stdout, "report.md:5:13: error: Impact 'HALF' is not one of NONE, SOME or ALL [invalid-choice]\n");
    assert.equal(result.status, 1);
    // With the shipped template, the same file is no post-mortem at all.
    assert.equal(run(['report.md'], root).stdout, '');

    writeFileSync(join(root, 'templates/outage.schema.yaml'), customSchema.replace('    kind: choice', '    kind: colour'));
    const broken = run(['--template', 'templates/outage.md', 'report.md'], root);
    assert.equal(broken.status, 2);
    const schemaLine = customSchema.split('\n').indexOf('    kind: choice') + 1;
    assert.match(broken.stderr, new RegExp(`^postmortem-check: cannot use the template templates/outage\\.md:\\n  .*outage\\.schema\\.yaml:${schemaLine}: fields\\.0\\.kind: `));
    assert.equal(broken.stdout, '');

    const missing = run(['--template', 'templates/none.md', 'report.md'], root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /none\.md: file not found/);
  });

  it('says what is wrong with bad options, missing files and unreadable ones, with status 2', () => {
    const root = repository();
    const cases: [string[], RegExp][] = [
      [[], /no file or folder to check/],
      [['--colour', '.'], /Unknown option '--colour'/],
      [['--rule', 'no-such-rule=error', '.'], /no rule 'no-such-rule'; the rules are unfilled-placeholder, /],
      [['--rule', 'invalid-choice=fatal', '.'], /the level must be one of off, hint, information, warning, error/],
      [['--format', 'xml', '.'], /--format xml: must be one of text, json, github/],
      [['--max-warnings', 'many', '.'], /--max-warnings many: must be a whole number/],
      [['--template', 'templates/outage.yaml', '.'], /must name a Markdown \(\.md\) template file/],
    ];
    for (const [args, message] of cases) {
      const result = run(args, root);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
      assert.match(result.stderr, /Run postmortem-check --help for the options\.\n$/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
    // A path that does not exist is told, and the others are still checked.
    const mixed = run(['nowhere', 'postmortems'], root);
    assert.equal(mixed.status, 2);
    assert.match(mixed.stderr, /^postmortem-check: nowhere: no such file or folder$/m);
    assert.match(mixed.stdout, /invalid-choice/);
  });

  it('reads a linked post-mortem, but follows no linked folder (which could lead back up the tree)', () => {
    const root = repository();
    symlinkSync(join(root, 'postmortems/2026/broken.md'), join(root, 'postmortems/linked.md'));
    symlinkSync(root, join(root, 'postmortems/loop'));
    const { stdout, stderr } = run(['postmortems'], root);
    assert.match(stdout, /^postmortems\/linked\.md:\d+:15: error: Severity 'SEVERE'/m);
    assert.match(stderr, / in 3 post-mortems\n$/);
  });

  it('stops quietly when its reader stops early (| head)', () => {
    const root = repository();
    for (let i = 0; i < 40; i++) writeFileSync(join(root, `postmortems/t${i}.md`), templateText);
    const result = spawnSync('sh', ['-c', `node '${cli}' postmortems | head -n 1`], { cwd: root, encoding: 'utf8' });
    assert.equal(result.stdout.split('\n').length, 2);
    assert.doesNotMatch(result.stderr, /EPIPE|Error|\n\s+at /);
  });

  it('prints its help and version', () => {
    const help = run(['--help'], repoRoot);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: postmortem-check \[options\] <file or folder>\.\.\./);
    const version = run(['--version'], repoRoot);
    assert.equal(version.stdout, `${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version}\n`);
  });
});

