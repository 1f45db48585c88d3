/**
 * The corpus through the real paths: every document of test/corpus, opened in the bundled
 * server over stdio (pull diagnostics, as VS Code asks) and checked by the built
 * postmortem-check, gets exactly the diagnostics its inline markers expect, as the service does
 * in test/unit/corpus.test.ts. Each family of issue #10 (values in prose, dates and times in
 * people's forms, decorated and aliased choices, trimmed and numbered templates, signature
 * lines, timeline cells and order) has documents there, so each is held through LSP and the CLI
 * too. A fixture's `dateOrder` is the server's postmortem.dateOrder and the CLI's --date-order,
 * and the day it is checked on the CLI's --today.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { corpusFolders, readFixtures, type Fixture } from '../support/corpus';
import { LspClient } from '../support/lspClient';
import { repoRoot } from '../support/service';

const fixtures = corpusFolders.flatMap((folder) => readFixtures(folder));
const orders = [...new Set(fixtures.map((f) => f.dateOrder))];
/** The CLI's runs: one per date order and day checked on (--today, the fixture's). */
const runs = [...new Set(fixtures.map((f) => `${f.dateOrder} ${f.today}`))].map((key) => key.split(' ') as [Fixture['dateOrder'], string]);

/** "line:rule" of each diagnostic, sorted: what the markers say (line 1-based). */
const keys = (found: readonly { line: number; rule: unknown }[]) => found.map((d) => `${d.line}:${d.rule}`).sort();
const expected = (f: Fixture) => (f.folder === 'not-postmortems' ? [] : f.expected);
/**
 * Over LSP the server's today is the day the test runs (it has no other): the rules that depend
 * on it are left to test/protocol/actionItems.test.ts and test/unit/workspaceIndex.test.ts, and
 * are off here.
 */
const todayRules = ['action-item-overdue', 'follow-up-review-overdue'];
const notOverdue = (keys: string[]) => keys.filter((k) => !todayRules.some((rule) => k.endsWith(`:${rule}`)));

describe('corpus over LSP: the bundled server gives each document the diagnostics its markers expect', () => {
  for (const dateOrder of orders) {
    it(`with postmortem.dateOrder ${dateOrder}`, async () => {
      const client = await LspClient.start({ pull: true, settings: () => ({ dateOrder, rules: Object.fromEntries(todayRules.map((rule) => [rule, 'off'])) }) });
      try {
        for (const fixture of fixtures.filter((f) => f.dateOrder === dateOrder)) {
          // Not under a post-mortem folder: each is checked (or not) by its own text, as the service decides.
          const uri = `file:///corpus/${fixture.folder}/${fixture.name}`;
          await client.open(uri, fixture.text);
          const diagnostics = await client.pull(uri);
          assert.deepEqual(keys(diagnostics.map((d) => ({ line: d.range.start.line + 1, rule: d.code }))), notOverdue(expected(fixture)), `${fixture.folder}/${fixture.name}`);
          // Told right as the status bar says it: checked as a post-mortem, or not.
          const status = await client.request<{ checked: boolean }>('postmortem/documentStatus', { uri });
          assert.equal(status.checked, fixture.folder !== 'not-postmortems', `${fixture.folder}/${fixture.name}: documentStatus.checked`);
        }
      } finally {
        await client.stop();
      }
    });
  }
});

describe('corpus through postmortem-check: the built CLI reports what the markers expect', () => {
  const root = mkdtempSync(join(tmpdir(), 'pm-corpus-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [dateOrder, today] of runs) {
    it(`with --date-order ${dateOrder} --today ${today}`, () => {
      const dir = join(root, `${dateOrder}-${today}`);
      const chosen = fixtures.filter((f) => f.dateOrder === dateOrder && f.today === today);
      for (const f of chosen) {
        mkdirSync(join(dir, f.folder), { recursive: true });
        writeFileSync(join(dir, f.folder, f.name), f.text);
      }
      // --folder names a folder that is not there: no file is taken for a post-mortem by its place.
      // The documents are not one team's post-mortems: the IDs they share are no duplicates.
      const run = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), '--format', 'json', '--date-order', dateOrder, '--today', today, '--folder', 'none', '--rule', 'duplicate-incident-id=off', '.'], { cwd: dir, encoding: 'utf8' });
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      const reports = JSON.parse(run.stdout) as { file: string; diagnostics: { line: number; rule: string }[] }[];
      // Every post-mortem of the corpus counted as one, and no other file.
      const postmortems = chosen.filter((f) => f.folder !== 'not-postmortems').length;
      assert.match(run.stderr, new RegExp(` in ${postmortems} post-mortems?\\b`), run.stderr);
      const byFile = new Map(reports.map((r) => [r.file.replace(/\\/g, '/'), r.diagnostics]));
      for (const f of chosen) {
        const found = byFile.get(`${f.folder}/${f.name}`) ?? [];
        assert.deepEqual(keys(found), expected(f), `${f.folder}/${f.name}`);
      }
    });
  }
});
