/** When a crashed server is restarted, and the cursor command's arguments. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCursorArgs } from '../../client/src/cursorArgs';
import { RestartBudget } from '../../client/src/restartBudget';

describe('restart budget', () => {
  it('allows 4 restarts within 3 minutes, refuses the 5th', () => {
    let now = 0;
    const budget = new RestartBudget(4, 180_000, () => now);
    for (let i = 0; i < 4; i++) {
      assert.equal(budget.tryRestart(), true, `restart ${i + 1}`);
      now += 10_000;
    }
    assert.equal(budget.tryRestart(), false);
    assert.equal(budget.tryRestart(), false, 'a refused restart stays refused');
  });

  it('forgets restarts older than the window', () => {
    let now = 0;
    const budget = new RestartBudget(4, 180_000, () => now);
    for (let i = 0; i < 4; i++) assert.ok(budget.tryRestart());
    now = 179_999;
    assert.equal(budget.tryRestart(), false);
    now = 180_000;
    assert.equal(budget.tryRestart(), true, 'the first four are three minutes old');
  });

  it('starts over after a reset (Restart Server by hand)', () => {
    const budget = new RestartBudget(1, 180_000, () => 0);
    assert.ok(budget.tryRestart());
    assert.equal(budget.tryRestart(), false);
    budget.reset();
    assert.ok(budget.tryRestart());
  });
});

describe('cursor command arguments', () => {
  it('reads { uri, line, character }', () => {
    assert.deepEqual(parseCursorArgs({ uri: 'file:///a.md', line: 3, character: 0 }), { uri: 'file:///a.md', line: 3, character: 0 });
  });

  it('refuses anything else', () => {
    for (const bad of [undefined, null, 'file:///a.md', [], { uri: '', line: 0, character: 0 }, { uri: 'file:///a.md', line: -1, character: 0 }, { uri: 'file:///a.md', line: 1.5, character: 0 }, { uri: 'file:///a.md', line: '1', character: 0 }, { line: 0, character: 0 }])
      assert.equal(parseCursorArgs(bad), undefined, JSON.stringify(bad));
  });
});
