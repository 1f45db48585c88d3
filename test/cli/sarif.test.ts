/**
 * postmortem-check --format sarif, from the built bundle (dist/cli.js): a SARIF 2.1.0 log that
 * the standard's JSON schema accepts (the schema @microsoft/jest-sarif ships), with every rule's
 * metadata in tool.driver.rules and each finding where it is, and --today for overdue items.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { rules } from '../../server/src/service/rules';
import { cleanPostmortem } from '../support/corpus';
import { repoRoot } from '../support/service';

const cli = join(repoRoot, 'dist/cli.js');
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's patterns are not all valid with the u flag; its formats (uri, date-time) are checked.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The clean post-mortem with open action items, one overdue on 2026-12-01 and one with no owner, in a folder with a space and an emoji. */
function repository(): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'pm-sarif-'));
  mkdirSync(join(root, 'post mortems', '🔥'), { recursive: true });
  const text = cleanPostmortem().replace(/## Action Items\n[\s\S]*?(?=\n## )/, '## Action Items\n\n- [ ] Alert on replica lag - @alice - 2026-11-20\n- [ ] Load test the import - 2030-01-10\n- [x] Roll back the config - @bob - 2026-11-21\n');
  const file = join('post mortems', '🔥', 'replica-lag.md');
  writeFileSync(join(root, file), text);
  return { root, file };
}

describe('postmortem-check --format sarif', () => {
  it('writes a SARIF 2.1.0 log the schema accepts, with the rules and each finding where it is', () => {
    const { root, file } = repository();
    const { status, stdout, stderr } = run(['--format', 'sarif', '--today', '2026-12-01', '.'], root);
    assert.equal(status, 0, stderr);
    const log = JSON.parse(stdout);
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    const [run0] = log.runs;
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    const driver = run0.tool.driver;
    assert.equal(driver.name, 'postmortem-check');
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), rules.map((r) => r.id));
    const overdueRule = driver.rules.find((r: { id: string }) => r.id === 'action-item-overdue');
    assert.equal(overdueRule.defaultConfiguration.level, 'note');
    assert.equal(overdueRule.shortDescription.text, 'An open action item is past its due date.');
    assert.match(overdueRule.helpUri, /^file:\/\/.*\/docs\/rules\/action-item-overdue\.md$/);
    assert.match(overdueRule.help.markdown, /^# action-item-overdue/);

    const byRule = Object.fromEntries(run0.results.map((r: { ruleId: string }) => [r.ruleId, r]));
    assert.deepEqual(Object.keys(byRule).sort(), ['action-item-incomplete', 'action-item-overdue']);
    const text = readFileSync(join(root, file), 'utf8').split('\n');
    const overdue = byRule['action-item-overdue'];
    assert.equal(overdue.level, 'note');
    assert.equal(overdue.ruleIndex, rules.findIndex((r) => r.id === 'action-item-overdue'));
    assert.equal(overdue.message.text, 'Action item is overdue: due 2026-11-20, 11 days ago; tick it if it is done, or give it a new date');
    const location = overdue.locations[0].physicalLocation;
    assert.deepEqual(location.artifactLocation, { uri: 'post%20mortems/%F0%9F%94%A5/replica-lag.md', uriBaseId: '%SRCROOT%' });
    const line = text[location.region.startLine - 1];
    assert.equal(line.slice(location.region.startColumn - 1, location.region.endColumn - 1), '2026-11-20');
    assert.equal(byRule['action-item-incomplete'].level, 'warning');
  });

  it('writes a valid empty log when nothing is found, and refuses a --today that is no day', () => {
    const { root } = repository();
    const { status, stdout } = run(['--format', 'sarif', '--today', '2026-11-01', '--rule', 'action-item-incomplete=off', '.'], root);
    assert.equal(status, 0);
    const log = JSON.parse(stdout);
    assert.equal(validate(log), true, JSON.stringify(validate.errors));
    assert.deepEqual(log.runs[0].results, []);
    const bad = run(['--today', '2026-02-30', '.'], root);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--today 2026-02-30: must be a date written YYYY-MM-DD/);
  });
});
