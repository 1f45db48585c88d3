/**
 * A real LSP client other than VS Code: headless Neovim (Debian's 0.7) with its built-in client,
 * configured as the README says, gets the same diagnostics, completions and code actions.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { customSchema, customTemplate } from '../support/customTemplate';
import { serverPath } from '../support/lspClient';
import { repoRoot, templateDiagnosticCount } from '../support/service';

const hasNeovim = spawnSync('nvim', ['--version']).status === 0;
// In CI a missing Neovim is a failure (.ci/run installs it), elsewhere the test says why it skips.
const skip = !hasNeovim && !process.env.CI ? 'nvim is not installed (apt-get install neovim)' : false;

/**
 * Runs test/neovim/<script> in a headless Neovim with its state in `dir`; the script reads
 * `_G.pm_server` (the bundled server), the given globals, and writes its findings to
 * `_G.pm_out`, returned parsed.
 */
function runNeovim(dir: string, script: string, globals: Record<string, string>): any {
  const out = join(dir, 'result.json');
  const assignments = Object.entries({ pm_server: serverPath, ...globals, pm_out: out }).map(([k, v]) => `_G.${k}=${JSON.stringify(v)}`);
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `lua ${assignments.join(' ')}`, '-c', `luafile ${join(repoRoot, 'test/neovim', script)}`], {
    encoding: 'utf8',
    timeout: 30000,
    env: { ...process.env, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir },
  });
  assert.equal(run.status, 0, `nvim failed: ${run.stderr}${run.stdout}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}

describe('Neovim', { skip }, () => {
  it('shows the diagnostics, completes Severity and applies its quick fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-nvim-'));
    const file = join(dir, 'incident.md');
    copyFileSync(join(repoRoot, 'templates/postmortem/postmortem-template.md'), file);
    const result = runNeovim(dir, 'client.lua', { pm_file: file });
    assert.equal(result.waited, true, 'diagnostics arrived');
    assert.equal(result.diagnostics.length, templateDiagnosticCount);
    const severity = result.diagnostics.find((d: { message: string }) => d.message.startsWith('Severity'));
    assert.deepEqual(severity, { lnum: 7, col: 14, message: 'Severity is not filled in: choose CRITICAL, HIGH, MEDIUM or LOW', source: 'postmortem', code: 'unfilled-placeholder' });
    assert.deepEqual(result.completion, ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
    assert.deepEqual(result.actions.slice(0, 4), ['Set Severity to CRITICAL', 'Set Severity to HIGH', 'Set Severity to MEDIUM', 'Set Severity to LOW']);
    assert.equal(result.severityLine, '**Severity**: HIGH');
    // The README's cmd_env: the server kept its code cache in Neovim's cache folder. (Neovim
    // quits as it stops the server: the server writes the cache on the SIGTERM, maybe after.)
    const cacheDir = join(dir, 'nvim', 'postmortem');
    for (const deadline = Date.now() + 5000; Date.now() < deadline && !(existsSync(cacheDir) && readdirSync(cacheDir).some((n) => n.endsWith('.v8cache'))); ) spawnSync('sleep', ['0.1']);
    assert.match(readdirSync(cacheDir).join(','), /^languageServer-\w+\.v8cache$/);
  });

  it('uses a custom template named in init_options (postmortem.template)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-nvim-'));
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates/outage.md'), customTemplate);
    writeFileSync(join(dir, 'templates/outage.schema.yaml'), customSchema);
    const file = join(dir, 'report.md');
    writeFileSync(file, '# Outage report\n\n## Summary\n\n**Impact**: HALF\n\n## Steps\n\n| When | What |\n|---|---|\n| 10:00 | a |\n');
    const result = runNeovim(dir, 'customTemplate.lua', { pm_root: dir, pm_file: file });
    assert.equal(result.waited, true, 'diagnostics arrived');
    assert.deepEqual(result.diagnostics, [{ lnum: 4, message: "Impact 'HALF' is not one of NONE, SOME or ALL", code: 'invalid-choice' }]);
    assert.deepEqual(result.completion, ['NONE', 'SOME', 'ALL']);
  });

  it('shows the metrics lens, runs its command, and is answered the inlay hints (0.7 does not draw them)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-nvim-'));
    const file = join(dir, 'incident.md');
    const template = readFileSync(join(repoRoot, 'templates/postmortem/postmortem-template.md'), 'utf8');
    const rows = ['22:40 | Incident start', '22:52 | Alert fired', '22:58 | Investigation began', '23:40 | Root cause identified', '23:55 | Rolled back', '00:30 | Permanent fix deployed', '01:10 | Service restored'];
    const timeline = template.slice(template.indexOf('| 00:00 |'), template.indexOf('\n\n## Root Cause'));
    writeFileSync(
      file,
      template
        .replace('[START TIME] - [END TIME]', '2026-03-11 22:40 - 2026-03-12 01:10 UTC')
        .replace(timeline, rows.map((r) => `| ${r} | api | done |`).join('\n')),
    );
    const result = runNeovim(dir, 'metrics.lua', { pm_file: file });
    assert.equal(result.waited, true, 'diagnostics arrived');
    assert.deepEqual(
      result.hints.filter((h: { label: string }) => /^[+−]/.test(h.label)).map((h: { label: string }) => h.label),
      ['+0m', '+12m', '+18m', '+1h', '+1h 15m', '+1h 50m', '+2h 30m'],
    );
    const lines: string[] = result.lines;
    assert.deepEqual(result.lenses, [{ line: lines.indexOf('## Timeline'), title: 'Duration 2h 30m · detection 12m · investigation 6m · diagnosis 42m · mitigation 15m · resolution 35m — fill 6 fields' }]);
    assert.ok(lines.includes('**Duration**: 2h 30m'), lines.join('\n'));
    assert.ok(lines.includes('- **Time to Detection**: 12m'));
    assert.ok(lines.includes('- **Time to Resolution**: 35m'));
  });
});
