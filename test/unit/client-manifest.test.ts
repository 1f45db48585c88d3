/**
 * The extension manifest against the code: commands the client registers, settings the server
 * reads (one per rule, with its default level and description), and the packaging allow-list.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultPostmortemFolder as defaultFolder } from '../../common/protocol';
import { rules } from '../../server/src/service/rules';
import { repoRoot } from '../support/service';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const properties = contributes.configuration.properties;

function clientSources(dir = join(repoRoot, 'client/src')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? clientSources(join(dir, entry.name)) : readFileSync(join(dir, entry.name), 'utf8')))
    .join('\n');
}

describe('manifest', () => {
  it('has each top-level key once (JSON.parse would keep only the last of two)', () => {
    const text = readFileSync(join(repoRoot, 'package.json'), 'utf8');
    const keys = [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]);
    assert.ok(keys.includes('contributes'), 'package.json is not indented by two spaces any more');
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
  });

  it('contributes the commands the client registers, New Post-Mortem also under File > New File', () => {
    const sources = clientSources();
    const titles = Object.fromEntries(contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, `${c.category}: ${c.title}`]));
    assert.deepEqual(titles, {
      'postmortem.newPostmortem': 'Post-Mortem: New Post-Mortem',
      'postmortem.restartServer': 'Post-Mortem: Restart Language Server',
      'postmortem.checkAsPostmortem': 'Post-Mortem: Check This File as a Post-Mortem',
      'postmortem.stopChecking': 'Post-Mortem: Stop Checking This File as a Post-Mortem',
      'postmortem.nextField': 'Post-Mortem: Next Field',
      'postmortem.previousField': 'Post-Mortem: Previous Field',
      'postmortem.showWhatIsLeft': 'Post-Mortem: Show What Is Left to Fill',
      'postmortem.markReadyForReview': 'Post-Mortem: Mark Ready for Review',
      'postmortem.tab': 'Post-Mortem: Next Cell or Field',
      'postmortem.shiftTab': 'Post-Mortem: Previous Cell or Field',
      'postmortem.showRuleDocs': 'Post-Mortem: Show Rule Documentation',
      'postmortem.actionItems.markDone': 'Post-Mortem: Mark Done',
      'postmortem.actionItems.groupByOwner': 'Post-Mortem: Group by Owner',
      'postmortem.actionItems.groupByDue': 'Post-Mortem: Group by Due Date',
      'postmortem.actionItems.groupByPostmortem': 'Post-Mortem: Group by Post-Mortem',
      'postmortem.views.refresh': 'Post-Mortem: Refresh Post-Mortems',
    });
    for (const command of Object.keys(titles)) assert.ok(sources.includes(`'${command}'`), `the client never names ${command}`);
    assert.deepEqual(contributes.menus['file/newFile'], [{ command: 'postmortem.newPostmortem' }]);
    // The file commands make sense on Markdown files only.
    assert.deepEqual(contributes.menus.commandPalette, [
      { command: 'postmortem.checkAsPostmortem', when: 'editorLangId == markdown' },
      { command: 'postmortem.stopChecking', when: 'editorLangId == markdown' },
      { command: 'postmortem.nextField', when: 'editorLangId == markdown' },
      { command: 'postmortem.previousField', when: 'editorLangId == markdown' },
      { command: 'postmortem.showWhatIsLeft', when: 'editorLangId == markdown' },
      { command: 'postmortem.markReadyForReview', when: 'editorLangId == markdown' },
      // Tab's commands are for their keys only.
      { command: 'postmortem.tab', when: 'false' },
      { command: 'postmortem.shiftTab', when: 'false' },
      // The Action Items view's commands are for its rows and title bar.
      { command: 'postmortem.actionItems.markDone', when: 'false' },
      { command: 'postmortem.actionItems.groupByOwner', when: 'false' },
      { command: 'postmortem.actionItems.groupByDue', when: 'false' },
      { command: 'postmortem.actionItems.groupByPostmortem', when: 'false' },
    ]);
    // The views, in their own container of the activity bar, with an icon that ships.
    assert.deepEqual(contributes.views.postmortem.map((v: { id: string; name: string }) => [v.id, v.name]), [
      ['postmortem.postmortems', 'Post-Mortems'],
      ['postmortem.actionItems', 'Action Items'],
    ]);
    assert.ok(existsSync(join(repoRoot, contributes.viewsContainers.activitybar[0].icon)));
  });

  it('binds Alt+] / Alt+[ in post-mortems only, and Tab only on a selected placeholder or in a table row, never over a suggestion or a snippet', () => {
    const bindings = Object.fromEntries(contributes.keybindings.map((k: { key: string; command: string; when: string }) => [k.key, k]));
    assert.deepEqual(Object.keys(bindings).sort(), ['alt+[', 'alt+]', 'shift+tab', 'tab']);
    assert.equal(bindings['alt+]'].command, 'postmortem.nextField');
    assert.equal(bindings['alt+['].command, 'postmortem.previousField');
    for (const key of Object.keys(bindings)) {
      const clauses = bindings[key].when.split(' && ');
      for (const needed of ['editorTextFocus', 'editorLangId == markdown', 'postmortem.isPostmortem']) assert.ok(clauses.includes(needed), `${key}: ${needed}`);
    }
    for (const key of ['tab', 'shift+tab']) {
      const clauses = bindings[key].when.split(' && ');
      assert.ok(clauses.includes('(postmortem.placeholderSelected || postmortem.inTableRow)'), key);
      for (const never of ['!suggestWidgetVisible', '!inSnippetMode', '!editorTabMovesFocus', '!inlineSuggestionVisible', '!editorHasMultipleSelections', '!editorReadonly']) assert.ok(clauses.includes(never), `${key}: ${never}`);
    }
    // The context keys the bindings name are the ones the client sets.
    const sources = clientSources();
    for (const key of ['postmortem.isPostmortem', 'postmortem.placeholderSelected', 'postmortem.inTableRow']) assert.ok(sources.includes(`'${key}'`), `the client never sets ${key}`);
  });

  it('has a postmortem.rules entry per rule: the five levels, the rule\'s default and description', () => {
    const setting = properties['postmortem.rules'];
    assert.equal(setting.type, 'object');
    assert.equal(setting.additionalProperties, false);
    assert.deepEqual(Object.keys(setting.properties).sort(), rules.map((r) => r.id).sort());
    for (const rule of rules) {
      const entry = setting.properties[rule.id];
      assert.deepEqual(entry.enum, ['off', 'hint', 'information', 'warning', 'error'], rule.id);
      assert.equal(entry.default, rule.defaultLevel, rule.id);
      assert.equal(entry.description, rule.description, rule.id);
    }
    // Only what the user sets is read as set: a default naming every rule would override the
    // levels of a post-mortem's review status.
    assert.deepEqual(setting.default, {});
  });

  it('declares the other settings with the defaults the code uses', () => {
    assert.equal(contributes.configuration.title, 'Post-Mortem Authoring');
    assert.deepEqual(properties['postmortem.files'].default, []);
    assert.equal(properties['postmortem.files'].items.type, 'string');
    assert.equal(properties['postmortem.folder'].default, defaultFolder);
    assert.deepEqual(properties['postmortem.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.match(clientSources(), /clientId = 'postmortem'/, 'the client id must be the prefix of postmortem.trace.server');
    for (const [key, value] of Object.entries<{ scope?: string; description?: string; markdownDescription?: string }>(properties)) {
      assert.ok(value.scope, `${key} has no scope`);
      assert.ok(value.description ?? value.markdownDescription, `${key} has no description`);
    }
  });

  it('says how it behaves in untrusted and virtual workspaces', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
    assert.equal(untrustedWorkspaces.supported, true);
    assert.ok(untrustedWorkspaces.description.length > 20);
    assert.equal(virtualWorkspaces.supported, 'limited');
    assert.ok(virtualWorkspaces.description.length > 20);
  });

  it('starts from the client bundle on Markdown, and packages every file it contributes', () => {
    assert.equal(manifest.main, './dist/client.js');
    assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
    const ignore = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
    assert.equal(ignore[0], '**', '.vscodeignore starts by excluding everything');
    const included = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const covered = (file: string) => included.some((pattern) => pattern === file || (pattern.endsWith('/**') && file.startsWith(pattern.slice(0, -2))));
    const walkthroughMedia = contributes.walkthroughs.flatMap((w: { steps: { media: Record<string, string> }[] }) => w.steps.flatMap((step) => Object.values(step.media)));
    const files = [
      'dist/client.js',
      'dist/server.js',
      'dist/languageServer.js',
      'dist/schemaReader.js',
      'dist/cli.js',
      'dist/service.js',
      'package.json',
      ...contributes['markdown.previewStyles'],
      ...contributes.grammars.map((g: { path: string }) => g.path),
      ...walkthroughMedia,
    ];
    for (const file of walkthroughMedia) assert.ok(existsSync(join(repoRoot, file)), `walkthrough media ${file} does not exist`);
    for (const file of files.map((f) => f.replace(/^\.\//, ''))) assert.ok(covered(file), `${file} is not packaged by .vscodeignore`);
    // The README is packaged with its relative links as they are (vsce --no-rewrite-relative-links):
    // what they name must exist and ship, or the extension's details page has dead links.
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    assert.ok(links.length >= 9, `README links: ${links.join(', ')}`);
    for (const link of links) {
      assert.ok(existsSync(join(repoRoot, link)), `README links to ${link}, which does not exist`);
      assert.ok(covered(link), `README links to ${link}, which the .vsix does not ship (.vscodeignore)`);
    }
    assert.match(manifest.scripts.package, /--no-rewrite-relative-links/);
  });

  it('has a walkthrough whose buttons run commands that exist and whose steps complete on real events', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.equal(contributes.walkthroughs.length, 1);
    const ours = new Set(contributes.commands.map((c: { command: string }) => c.command));
    // Built-in commands the steps use (VS Code's own ids).
    const builtIn = new Set(['workbench.actions.view.problems', 'workbench.action.openSettings']);
    const settings = new Set(Object.keys(properties));
    assert.ok(walkthrough.steps.length >= 3);
    for (const step of walkthrough.steps as { id: string; title: string; description: string; completionEvents?: string[] }[]) {
      for (const [, command] of step.description.matchAll(/\]\(command:([\w.]+)/g)) {
        assert.ok(ours.has(command) || builtIn.has(command), `step ${step.id} links command ${command}, which is neither ours nor a known built-in`);
      }
      for (const event of step.completionEvents ?? []) {
        const [kind, name] = event.split(/:(.*)/);
        if (kind === 'onCommand') assert.ok(ours.has(name) || builtIn.has(name), `step ${step.id}: ${event}`);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(name), `step ${step.id}: ${event} names no setting of ours`);
        else assert.fail(`step ${step.id}: unexpected completion event ${event}`);
      }
    }
    assert.ok(
      walkthrough.steps.some((step: { description: string }) => step.description.includes('(command:postmortem.newPostmortem)')),
      'a step runs New Post-Mortem',
    );
  });
});
