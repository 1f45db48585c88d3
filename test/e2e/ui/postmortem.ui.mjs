// The extension as a person uses it, through the workbench UI of code-server in Chromium: the
// command palette, the title prompt, squiggles, the Problems panel, Ctrl+Space and Ctrl+.
// Run by scripts/e2e/run.mjs, which installs the .vsix into an extensions folder and sets
// POSTMORTEM_E2E_EXTENSIONS_DIR, POSTMORTEM_E2E_WORKSPACE (a copy of the fixture workspace) and
// POSTMORTEM_E2E_RUN_DIR (scratch folder, removed after the run). Each step waits on what a
// person would see, never on a sleep. Screenshots go to test-results/.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startCodeServer, workbenchUrl } from '../../../scripts/e2e/code-server.mjs';
import { resultsDir, sandboxEnv, templatePath } from '../../../scripts/e2e/lib.mjs';

const extensionsDir = process.env.POSTMORTEM_E2E_EXTENSIONS_DIR;
const workspace = process.env.POSTMORTEM_E2E_WORKSPACE;
const runDir = process.env.POSTMORTEM_E2E_RUN_DIR;
const title = 'Payment gateway timeouts';
const slug = 'payment-gateway-timeouts';
const timeout = 20000;

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Lines of the file on disk. */
function linesOf(path) {
  return readFileSync(path, 'utf8').split(/\r?\n/);
}

describe('A person writing a post-mortem in VS Code (code-server + Chromium)', function () {
  /** @type {import('playwright-core').BrowserContext} */
  let browser;
  /** @type {import('playwright-core').Page} */
  let page;
  const fileName = `${today()}-${slug}.md`;
  const filePath = () => join(workspace, 'postmortems', fileName);
  const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();

  async function screenshot(name) {
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, `${name}.png`) });
  }

  /**
   * F1, type the command's name, wait for it to be the highlighted entry, Enter. The palette lists
   * the commands known when it opens; while the workbench is still loading extensions a command
   * can be missing, and then, as a person would, it closes the palette and opens it again.
   */
  async function runCommand(label) {
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: label });
    const deadline = Date.now() + timeout;
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout });
      await input.fill(`>${label}`);
      try {
        await row.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(deadline - Date.now(), 1)) });
        break;
      } catch (error) {
        if (Date.now() >= deadline) {
          const offered = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
          throw new Error(`"${label}" is not in the command palette after ${attempt} tries; it offers: ${offered.join(' | ')}`);
        }
        await page.keyboard.press('Escape');
        await input.waitFor({ state: 'hidden', timeout });
      }
    }
    await page.keyboard.press('Enter');
  }

  /** New Post-Mortem's title prompt (the quick input again, now empty): types the title and Enter. */
  async function answerTitlePrompt(text) {
    await page.waitForFunction(
      () => {
        const widget = document.querySelector('.quick-input-widget');
        const box = widget?.querySelector('.quick-input-box input');
        return widget && getComputedStyle(widget).display !== 'none' && box && box.value === '';
      },
      undefined,
      { timeout },
    );
    const box = page.locator('.quick-input-widget .quick-input-box input');
    await box.pressSequentially(text);
    // Keys typed while something else took the focus are lost; say so rather than create a
    // post-mortem of another title.
    const typed = await box.inputValue();
    assert.equal(typed, text, 'the title as typed in the prompt (the focus moved while typing)');
    await box.press('Enter');
  }

  /** Ctrl+G line:column (1-based), as a person jumps to a line. */
  async function goTo(line, column) {
    await editor().click({ position: { x: 200, y: 100 } });
    await page.keyboard.press('Control+g');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout });
    // The status bar shows where the cursor now is.
    await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor({ state: 'visible', timeout });
  }

  /**
   * Waits for `locator` to be visible; when it does not show up, the error says what was
   * expected and which notifications the person sees instead.
   */
  async function expectVisible(locator, what, ms = timeout) {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: ms });
    } catch (error) {
      const notes = await page.locator('.notification-list-item-message').allInnerTexts().catch(() => []);
      throw new Error(
        `${what}: not seen within ${ms} ms.` +
          (notes.length ? `\n  Notifications on screen: ${notes.map((n) => `"${n}"`).join('; ')}` : '\n  No notification on screen.') +
          `\n  (${String(error?.message ?? error).split('\n')[0]})`,
      );
    }
  }

  /** The text of an editor line as rendered (what the person sees). */
  function viewLine(text) {
    return editor().locator('.view-lines .view-line', { hasText: text });
  }

  /** @type {{ origin: string, stop: () => Promise<void>, log: string[] }} */
  let server;

  before(async function () {
    assert.ok(extensionsDir && workspace && runDir, 'run me through scripts/e2e/run.mjs (npm run test:e2e)');
    const env = sandboxEnv(runDir);
    [server, browser] = await Promise.all([
      startCodeServer({ name: 'ui', runDir, extensionsDir, env }),
      launchBrowser({ runDir, name: 'ui', env }),
    ]);
    page = await browser.newPage();
    page.setDefaultTimeout(timeout);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(`ui-failure-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => {});
    }
  });

  after(async function () {
    await browser?.close();
    if (server) {
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(join(resultsDir, 'ui-code-server.log'), server.log.join(''));
      await server.stop();
    }
  });

  it('opens the workspace in the workbench', async function () {
    await page.goto(workbenchUrl(server, workspace));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'postmortems' }).waitFor({ state: 'visible', timeout: 60000 });
  });

  it('runs "Post-Mortem: New Post-Mortem" from the command palette and types a title', async function () {
    await runCommand('Post-Mortem: New Post-Mortem');
    await answerTitlePrompt(title);
    await expectVisible(page.locator('.tabs-container .tab.active', { hasText: fileName }), `an editor tab for the new ${fileName}`);
    assert.ok(existsSync(filePath()), `${filePath()} was not created`);
  });

  /** The status bar item's count of what is left ("Post-mortem · draft · 95 to fill"). */
  async function toFill() {
    const item = page.locator('.statusbar-item', { hasText: /Post-mortem.* · \d+ to fill/ });
    await expectVisible(item, 'the "Post-mortem · N to fill" status bar item');
    return Number(/(\d+) to fill/.exec(await item.first().innerText())[1]);
  }

  it('starts as a draft with the first placeholder selected: typing replaces it, Alt+] selects the next, the count goes down', async function () {
    await expectVisible(page.locator('.statusbar-item', { hasText: /Post-mortem · draft · \d+ to fill/ }), 'the draft in the status bar');
    const before = await toFill();
    // Typed straight away, as a person does: the selected [START TIME] is replaced.
    await page.keyboard.type('14:02');
    await expectVisible(viewLine('14:02 - [END TIME]'), 'the typed time in place of [START TIME]');
    await page.keyboard.press('Alt+BracketRight');
    // As a person would, typing once the next field shows selected.
    await expectVisible(page.locator('.statusbar-item', { hasText: `(${'[END TIME]'.length} selected)` }), 'Alt+] selecting [END TIME], in the status bar');
    await page.keyboard.type('15:10');
    await expectVisible(viewLine('14:02 - 15:10'), 'Alt+] selected [END TIME], and typing replaced it');
    await page.waitForFunction((n) => [...document.querySelectorAll('.statusbar-item')].some((e) => { const m = /(\d+) to fill/.exec(e.textContent ?? ''); return m && Number(m[1]) < n; }), before, { timeout });
    assert.ok((await toFill()) < before, 'the count went down');
    // A draft's gaps are hints: dotted in the editor, none of them a warning.
    await expectVisible(editor().locator('.squiggly-hint'), 'hint dots under the unfilled fields');
    assert.equal(await editor().locator('.squiggly-warning, .squiggly-error').count(), 0, 'no warning or error squiggle in a new draft');
    await screenshot('1-new-postmortem-draft');
  });

  it('lists nothing of a new draft in the Problems panel', async function () {
    await runCommand('Problems: Focus on Problems View');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout });
    const rows = await panel.locator('.monaco-list-row').allInnerTexts();
    assert.ok(!rows.some((r) => r.includes(fileName)), `the draft is in the Problems panel: ${rows.slice(0, 5).join(' | ')}`);
    await screenshot('2-problems-panel-draft');
    await runCommand('View: Focus Active Editor Group');
  });

  it('lists what is left per section from the status bar item, and goes to a section\'s first gap', async function () {
    await page.locator('.statusbar-item', { hasText: /Post-mortem · draft/ }).first().click();
    const row = (text) => page.locator('.quick-input-widget .monaco-list-row', { hasText: text });
    await expectVisible(row(/Incident Summary\s*\d+ to fill/), 'Incident Summary and its count in the list');
    assert.ok(!(await row(/Incident Summary/).first().innerText()).includes('postmortems/'), 'why the file is checked is not under a section');
    await screenshot('2b-what-is-left');
    await row(/Timeline\s*\d+ to fill/).first().click();
    // The timeline's first gap: [Component] of its first row, selected.
    await expectVisible(page.locator('.statusbar-item', { hasText: `(${'[Component]'.length} selected)` }), 'the Timeline\'s first gap selected');
    await page.keyboard.press('Escape');
  });

  it('refuses to mark the draft ready for review, and says what is left', async function () {
    await runCommand('Post-Mortem: Mark Ready for Review');
    const note = page.locator('.notification-list-item', { hasText: 'Not ready for review' });
    await expectVisible(note, 'the refusal, in a notification');
    assert.match(await note.first().innerText(), /\d+ still to fill in, in Incident Summary \(\d+\)[\s\S]*The status stays draft/);
    await expectVisible(note.locator('.monaco-button', { hasText: 'Next Field' }), 'Next Field offered');
    await screenshot('3-mark-ready-refused');
    await runCommand('Notifications: Clear All Notifications');
  });

  it('marks the placeholders left in the Markdown preview', async function () {
    // Ctrl+K V, Markdown's own key for the preview to the side.
    await editor().click({ position: { x: 200, y: 100 } });
    await page.keyboard.press('Control+k');
    await page.keyboard.press('v');
    const deadline = Date.now() + timeout;
    let marked = 0;
    while (Date.now() < deadline && marked === 0) {
      for (const frame of page.frames()) marked += await frame.locator('mark.postmortem-placeholder').count().catch(() => 0);
      if (marked === 0) await page.waitForTimeout(250);
    }
    assert.ok(marked > 5, `placeholders marked in the preview: ${marked}`);
    await screenshot('4-preview-placeholders');
    // Closed from its own tab, so the post-mortem's editor stays.
    const previewTab = page.locator('.tabs-container .tab', { hasText: `Preview ${fileName}` });
    await previewTab.first().hover();
    await previewTab.first().locator('.tab-actions .codicon-close, .tab-actions .action-label').first().click();
    await previewTab.first().waitFor({ state: 'detached', timeout });
    await runCommand('View: Focus First Editor Group');
  });

  it('makes every gap an error once the status is final', async function () {
    await goTo(2, 9);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('final');
    await expectVisible(viewLine('status: final'), 'the status changed');
    await expectVisible(editor().locator('.squiggly-error'), 'error squiggles under the unfilled fields');
    await expectVisible(page.locator('.statusbar-item', { hasText: /Post-mortem · final · \d+ to fill · \d+ errors/ }), 'the final post-mortem and its errors in the status bar');
    await viewLine(title).first().waitFor({ state: 'visible' });
    await screenshot('5-final-errors');
  });

  it('lists them in the Problems panel', async function () {
    await runCommand('Problems: Focus on Problems View');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout });
    const severity = panel.locator('.monaco-list-row', { hasText: 'Severity is not filled in: choose CRITICAL, HIGH, MEDIUM or LOW' });
    await expectVisible(severity, 'the unfilled Severity in the Problems panel');
    const rows = await panel.locator('.monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => r.includes(fileName)), `the Problems panel groups them under ${fileName}: ${rows.slice(0, 5).join(' | ')}`);
    assert.ok(rows.filter((r) => /is not filled in/.test(r)).length >= 5, `unfilled fields listed: ${rows.slice(0, 10).join(' | ')}`);
    await screenshot('6-problems-panel-final');
  });

  it('selects a whole placeholder on a double-click', async function () {
    const word = viewLine('**Duration**:').first().locator('span', { hasText: 'TOTAL DURATION' }).last();
    await expectVisible(word, 'the [TOTAL DURATION] placeholder on screen');
    await word.dblclick();
    // Selected whole, brackets included: typing would replace all of it.
    await expectVisible(page.locator('.statusbar-item', { hasText: `(${'[TOTAL DURATION]'.length} selected)` }), 'the whole placeholder selected, in the status bar');
    await page.keyboard.press('Escape');
  });

  it('completes Severity with Ctrl+Space and picks HIGH', async function () {
    const lines = linesOf(filePath());
    const line = lines.findIndex((l) => l.startsWith('**Severity**:'));
    assert.ok(line >= 0 && lines[line].includes('[CRITICAL/HIGH/MEDIUM/LOW]'), `Severity line of the new file: ${lines[line]}`);
    await goTo(line + 1, lines[line].indexOf('[') + 1);
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget');
    for (const value of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']) {
      await expectVisible(suggest.locator('.monaco-list-row', { hasText: value }), `${value} in the completion list at Severity`);
    }
    await screenshot('7-completion');
    await suggest.locator('.monaco-list-row', { hasText: /^HIGH/ }).first().click();
    await suggest.waitFor({ state: 'hidden', timeout });
    await viewLine('**Severity**: HIGH').first().waitFor({ state: 'visible', timeout });
    const rendered = (await viewLine('**Severity**:').first().innerText()).replace(/\u00a0/g, ' ').trim();
    assert.equal(rendered, '**Severity**: HIGH');
  });

  it('inserts a timeline row with the Ctrl+. code action', async function () {
    const lines = linesOf(filePath());
    const line = lines.findIndex((l) => /^\|\s*00:05\s*\|/.test(l));
    assert.ok(line >= 0, 'the new document has the template timeline');
    await goTo(line + 1, 3);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    const insert = menu.locator('.monaco-list-row', { hasText: 'Insert timeline row below' });
    await expectVisible(insert, '"Insert timeline row below" in the Ctrl+. menu');
    await screenshot('8-code-actions');
    // Arrow down to the action and press Enter, as with the keyboard a person already has on it.
    const focused = menu.locator('.monaco-list-row.focused');
    for (let i = 0; i < 20 && !(await focused.innerText().catch(() => '')).includes('Insert timeline row below'); i++) {
      const before = await focused.getAttribute('data-index').catch(() => null);
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(
        (previous) => document.querySelector('.action-widget .monaco-list-row.focused')?.getAttribute('data-index') !== previous,
        before,
        { timeout },
      );
    }
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout });
    // Save as a person does, then read what is on disk.
    await page.keyboard.press('Control+s');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout });
    const after = linesOf(filePath());
    assert.equal(after.length, lines.length + 1, 'one line added');
    const added = after[line + 1];
    const cells = added.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
    assert.equal(cells.length, 4, `the new row has 4 cells: ${added}`);
    assert.equal(after[line], lines[line], 'the row above is unchanged');
    assert.ok(after.some((l) => l === '**Severity**: HIGH'), 'the completed Severity was saved');
    await screenshot('9-after-edits');
  });

  it('moves through a timeline row with Tab, selecting each cell', async function () {
    const lines = linesOf(filePath());
    const line = lines.findIndex((l) => /^\|\s*00:10\s*\|/.test(l));
    assert.ok(line >= 0, 'the template timeline row of 00:10');
    await goTo(line + 1, 3);
    await page.keyboard.press('Tab');
    // The Event cell, selected: "Investigation began".
    await expectVisible(page.locator('.statusbar-item', { hasText: `(${'Investigation began'.length} selected)` }), 'Tab selecting the next cell, in the status bar');
    await page.keyboard.press('Tab');
    await expectVisible(page.locator('.statusbar-item', { hasText: `(${'[Team member]'.length} selected)` }), 'Tab selecting the Component cell');
    await page.keyboard.press('Shift+Tab');
    await expectVisible(page.locator('.statusbar-item', { hasText: `(${'Investigation began'.length} selected)` }), 'Shift+Tab back to the Event cell');
    await page.keyboard.press('Escape');
  });

  it('shows in the status bar that the file is checked, why, and what is left to fill', async function () {
    const item = page.locator('.statusbar-item', { hasText: /Post-mortem · final · \d+ to fill/ });
    await expectVisible(item, 'the "Post-mortem · final · N to fill" status bar item on the new post-mortem');
    await item.first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Checked as a post-mortem.' });
    await expectVisible(hover, "the status bar item's tooltip");
    assert.match(await hover.first().innerText(), /It is in postmortems\/, the folder New Post-Mortem writes to/);
    await screenshot('10-status-bar-checked');
    await page.keyboard.press('Escape');
  });

  it('checks an ordinary Markdown file as a post-mortem from the status bar', async function () {
    // Ctrl+P to the workspace README, as a person opens a file.
    await page.keyboard.press('Control+p');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill('README.md');
    await expectVisible(page.locator('.quick-input-widget .monaco-list-row', { hasText: 'README.md' }), 'README.md in Go to File');
    await page.keyboard.press('Enter');
    await expectVisible(page.locator('.tabs-container .tab.active', { hasText: 'README.md' }), 'the README in the editor');
    const notChecked = page.locator('.statusbar-item', { hasText: 'Not a post-mortem' });
    await expectVisible(notChecked, 'the "Not a post-mortem" status bar item on the README');
    await notChecked.first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Not checked as a post-mortem.' });
    await expectVisible(hover, 'why the README is not checked, in the tooltip');
    assert.match(await hover.first().innerText(), /It has \d+ of the template's 16 sections/);
    await screenshot('11-status-bar-not-checked');
    await notChecked.first().click();
    const choice = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Check this file as a post-mortem' });
    await expectVisible(choice, '"Check this file as a post-mortem" offered by a click on the item');
    assert.match(await choice.first().innerText(), /writes postmortem: true into its front matter[\s\S]*It has \d+ of the template's 16 sections/, 'the action and, under it, why the file is not checked');
    await screenshot('12-check-as-postmortem');
    await choice.first().click();
    await expectVisible(page.locator('.statusbar-item', { hasText: /Post-mortem · \d+ to fill/ }), 'the README checked, in the status bar');
    await viewLine('postmortem: true').first().waitFor({ state: 'visible', timeout });
    await expectVisible(editor().locator('.squiggly-warning'), 'squiggles on the README now that it is checked');
    await page.keyboard.press('Control+s');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout });
    const lines = linesOf(join(workspace, 'README.md'));
    assert.deepEqual(lines.slice(0, 3), ['---', 'postmortem: true', '---'], 'front matter written at the top of the file');
    await screenshot('13-checked-readme');
  });

  /** Whether a walkthrough step's page (a webview frame) shows `text` within the timeout. */
  async function stepPageShows(text) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const frame of page.frames()) if ((await frame.locator(`text=${text}`).count().catch(() => 0)) > 0) return true;
      await page.waitForTimeout(250);
    }
    return false;
  }

  it('opens the "Write a post-mortem" walkthrough and creates a post-mortem from its first step', async function () {
    await runCommand('View: Hide Panel'); // room for the walkthrough's page
    await runCommand('Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('Write a post-mortem');
    await expectVisible(page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Write a post-mortem' }), 'our walkthrough in the list of walkthroughs');
    await page.keyboard.press('Enter');
    const walkthrough = page.locator('.gettingStartedContainer');
    await expectVisible(walkthrough.locator('.getting-started-category .category-title, h2', { hasText: 'Write a post-mortem' }), 'the walkthrough page');
    for (const step of ['Create a post-mortem', 'Fill in what is missing', 'Keep the timeline in order', 'Get it reviewed', 'Make it yours']) {
      await expectVisible(walkthrough.locator('.step-title', { hasText: step }), `the step "${step}"`);
    }
    await screenshot('14-walkthrough');
    // The new step's page, as a person reads it beside the steps.
    await walkthrough.locator('.step-title', { hasText: 'Get it reviewed' }).first().click();
    assert.ok(await stepPageShows('What is left to fill'), 'the Get it reviewed page beside the steps');
    await screenshot('14b-walkthrough-review');
    await page.evaluate(() => {
      window.lastFocusMove = performance.now();
      document.addEventListener('focusin', () => { window.lastFocusMove = performance.now(); }, true);
    });
    await walkthrough.locator('.step-title', { hasText: 'Create a post-mortem' }).first().click();
    // The walkthrough focuses the step it expands again once its page has loaded, some hundred
    // ms after the click: a title typed into a prompt opened before that loses its keys to the
    // step (seen in CI as "Walkthroug"). A person clicks the button once the step has settled; so
    // does the test: the step open, and the focus still for a second.
    await page.waitForFunction(
      () => document.querySelector('.getting-started-step.expanded')?.textContent.includes('Create a post-mortem') && performance.now() - window.lastFocusMove > 1000,
      undefined,
      { timeout, polling: 100 },
    );
    // The first step is open; its button runs the command, which asks for a title.
    await walkthrough.locator('.getting-started-step.expanded .button-link, .getting-started-step.expanded .monaco-button', { hasText: 'New Post-Mortem' }).first().click();
    await answerTitlePrompt('Walkthrough incident');
    const name = `${today()}-walkthrough-incident.md`;
    await expectVisible(page.locator('.tabs-container .tab.active', { hasText: name }), `an editor tab for ${name}, made from the walkthrough`);
    assert.ok(existsSync(join(workspace, 'postmortems', name)), `${name} was not created`);
    // The step completes once the file exists, and the focus stays in the new editor: typing
    // replaces its first placeholder.
    await page.keyboard.type('09:15');
    await expectVisible(viewLine('09:15 - [END TIME]'), 'the time typed into the new post-mortem, not into the walkthrough');
    await page.keyboard.press('Control+s');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout });
    await runCommand('Welcome: Open Walkthrough...');
    await input.fill('Write a post-mortem');
    await expectVisible(page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Write a post-mortem' }), 'our walkthrough in the list of walkthroughs');
    await page.keyboard.press('Enter');
    await expectVisible(walkthrough.locator('.getting-started-step[aria-checked="true"]', { hasText: 'Create a post-mortem' }), 'the first step of the walkthrough checked');
    await screenshot('14c-walkthrough-step-done');
  });

  it('shows the incident\'s numbers in the timeline and fills the metric fields from the lens above it', async function () {
    // A post-mortem whose timeline is written and whose metric fields are not, put where the
    // person keeps them.
    const template = readFileSync(templatePath, 'utf8');
    const rows = [
      '| 22:31 | Deploy 4512 rolled out | api | canary skipped |',
      '| 22:40 | Incident start | api | p99 over 2 s |',
      '| 22:52 | Alert fired (PagerDuty) | alerting | on-call paged |',
      '| 22:58 | Investigation began | on-call | dashboards |',
      '| 23:40 | Root cause identified | db | pool exhausted |',
      '| 23:55 | Mitigation implemented | api | rollback |',
      '| 00:30 | Permanent fix deployed | api | pool size |',
      '| 01:10 | Service restored | api | verified |',
    ];
    const timeline = template.slice(template.indexOf('| 00:00 |'), template.indexOf('\n\n## Root Cause'));
    const text = template
      .replace('[START TIME] - [END TIME]', '2026-03-11 22:40 - 2026-03-12 01:10 UTC')
      .replace(timeline, rows.join('\n'));
    const name = '2026-03-11-checkout-latency.md';
    writeFileSync(join(workspace, 'postmortems', name), text);
    // From the Explorer, where it shows as soon as the file watcher sees it (Go to File keeps an
    // index of its own, which may not have it yet).
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
    await expectVisible(row, `${name} in the Explorer`);
    await row.first().dblclick();
    await expectVisible(page.locator('.tabs-container .tab.active', { hasText: name }), `the editor on ${name}`);
    await goTo(text.split('\n').findIndex((l) => l.startsWith('| 22:52')) + 1, 1);
    // The row's offset from the incident's start, drawn after its time.
    await expectVisible(viewLine('Alert fired').filter({ hasText: '+12m' }), 'the inlay hint +12m after the alert row\'s time');
    const lens = editor().locator('.codelens-decoration a', { hasText: 'Duration 2h 30m' });
    await expectVisible(lens, 'the metrics lens above the timeline');
    assert.match(await lens.first().innerText(), /Duration 2h 30m · detection 12m · investigation 6m · diagnosis 42m · mitigation 15m · resolution 35m — fill 6 fields/);
    await screenshot('15-metrics-hints-and-lens');
    await lens.first().click();
    await expectVisible(viewLine('**Duration**: 2h 30m'), 'the Duration filled in from the timeline');
    await page.keyboard.press('Control+s');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout });
    const saved = linesOf(join(workspace, 'postmortems', name));
    for (const line of ['**Duration**: 2h 30m', '- **Time to Detection**: 12m', '- **Time to Investigation**: 6m', '- **Time to Diagnosis**: 42m', '- **Time to Mitigation**: 15m', '- **Time to Resolution**: 35m']) {
      assert.ok(saved.includes(line), `${line} in the saved file`);
    }
    const field = saved.findIndex((l) => l.startsWith('- **Time to Detection**'));
    await goTo(field + 1, 1);
    await screenshot('16-metrics-filled');
  });

  it('marks a complete post-mortem ready for review', async function () {
    const name = '2026-03-14-checkout-latency.md';
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
    await expectVisible(row, `${name} in the Explorer`);
    await row.first().dblclick();
    await expectVisible(page.locator('.tabs-container .tab.active', { hasText: name }), `the editor on ${name}`);
    await expectVisible(page.locator('.statusbar-item', { hasText: /Post-mortem · complete/ }), 'nothing left to fill, in the status bar');
    await runCommand('Post-Mortem: Mark Ready for Review');
    await expectVisible(page.locator('.notification-list-item', { hasText: 'Ready for review: nothing is left to fill in, and the status is now in-review' }), 'the status moved');
    await expectVisible(viewLine('status: in-review'), 'the status in the front matter');
    await expectVisible(page.locator('.statusbar-item', { hasText: /Post-mortem · in-review · complete/ }), 'in review, in the status bar');
    await screenshot('17-ready-for-review');
  });

  it('lists the post-mortems and their open action items in the Post-Mortems views, and marks an item done from the view', async function () {
    // A post-mortem written outside the editor: the server's index sees it through the file watcher.
    const name = '2026-04-01-queue-backlog.md';
    const template = readFileSync(templatePath, 'utf8');
    const text = template
      .replace(/^# .*$/m, '# Post-Mortem: Queue backlog in the payments consumer')
      .replace('[START TIME] - [END TIME]', '2026-04-01 08:10 - 2026-04-01 09:40 UTC')
      .replace(/## Action Items\n[\s\S]*?(?=\n## )/, '## Action Items\n\n### Immediate (Next 24 hours)\n- [ ] Drain the dead-letter queue - @ines - 2026-04-02\n- [x] Page the payments on-call - @ines - 2026-04-01\n\n### Short-term (Next week)\n- [ ] Alert on consumer lag over 5 minutes - Tom Becker - 2026-04-08\n');
    writeFileSync(join(workspace, 'postmortems', name), text);
    await runCommand('View: Show Post-Mortems');
    const pane = (title) => page.locator('.pane').filter({ has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${title}$`, 'i') }) });
    const postmortems = pane('Post-Mortems');
    const row = postmortems.locator('.monaco-list-row', { hasText: 'Queue backlog in the payments consumer' });
    await expectVisible(row, 'the new post-mortem in the Post-Mortems view');
    await expectVisible(postmortems.locator('.monaco-list-row', { hasText: 'Checkout latency after cache eviction storm' }), 'the fixture post-mortem in the Post-Mortems view');
    const items = pane('Action Items');
    const item = items.locator('.monaco-list-row', { hasText: 'Drain the dead-letter queue' });
    await expectVisible(item, 'the open action item in the Action Items view');
    assert.match(await item.first().innerText(), /overdue/);
    assert.equal(await items.locator('.monaco-list-row', { hasText: 'Page the payments on-call' }).count(), 0, 'a done item is not listed');
    // The activity bar's badge counts the overdue items.
    await expectVisible(page.locator('.activitybar .action-item .badge-content').filter({ hasText: /^\d+$/ }), 'the overdue count on the activity bar');
    await screenshot('18-postmortems-views');
    // Marked done from the view: the box ticked in the file, the item gone from the open ones.
    await item.first().hover();
    await item.first().locator('.action-label[aria-label="Mark Done"]').click();
    const deadline = Date.now() + timeout;
    while (!linesOf(join(workspace, 'postmortems', name)).includes('- [x] Drain the dead-letter queue - @ines - 2026-04-02')) {
      if (Date.now() > deadline) throw new Error('the item was not ticked in the file');
      await new Promise((r) => setTimeout(r, 100));
    }
    await item.first().waitFor({ state: 'detached', timeout });
    await screenshot('18b-action-item-done');
    // A post-mortem row opens its file.
    await row.first().click();
    await expectVisible(page.locator('.tabs-container .tab.active', { hasText: name }), `the editor on ${name}, from the view`);
    await screenshot('18c-postmortem-opened-from-view');
  });
});
