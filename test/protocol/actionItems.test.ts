/**
 * Action items over LSP, from the bundled server: the four rules on a document pulled (the
 * overdue one against the server's own today, the day the test runs), the draft status's level
 * for a missing owner, and completion of owners and due dates in an item.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';

const day = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate() + offset)).toISOString().slice(0, 10);
};
// An incident ten days ago, with CRLF line breaks and an emoji before the items.
const incident = day(-10);
const text = [
  '---',
  'postmortem: true',
  '---',
  '# Post-Mortem: 🔥 Queue backlog',
  '',
  '## Incident Summary',
  '',
  `**Date/Time**: ${incident} 09:00 - ${incident} 11:30 UTC`,
  '**Severity**: HIGH',
  '',
  '## Action Items',
  '',
  '### Immediate (Next 24 hours)',
  `- [x] 🚨 Drain the queue - @ana - ${day(-9)}`,
  `- [x] [Action item] - @ana - ${day(-9)}`,
  '### Short-term (Next week)',
  `- [ ] Alert on queue depth - @bo - ${day(-3)}`,
  '- [ ] Load test the consumer',
  `- [ ] Backfill the lost rows - @ana - ${day(-12)}`,
  '### Long-term (Next month)',
  `- [ ] Partition the queue - Cy Dee - ${day(15)}`,
  '- [ ] Retire the old consumer - ',
  '',
].join('\r\n');
const uri = 'file:///work/postmortems/queue-backlog.md';
const lineOf = (needle: string) => text.split('\r\n').findIndex((l) => l.includes(needle));

describe('action items over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ pull: true });
    await client.open(uri, text);
  });
  after(() => client.stop());

  it('reports what the four rules find, at their levels', async () => {
    const found = (await client.pull(uri)).filter((d: Diagnostic) => String(d.code).startsWith('action-item-'));
    const byLine = (a: unknown[], b: unknown[]) => (a[0] as number) - (b[0] as number) || String(a[1]).localeCompare(String(b[1]));
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.code, d.severity]).sort(byLine),
      [
        [lineOf('[Action item]'), 'action-item-done-placeholder', 2],
        [lineOf('Alert on queue depth'), 'action-item-overdue', 3],
        [lineOf('Load test'), 'action-item-incomplete', 2],
        [lineOf('Backfill'), 'action-item-due-date', 3],
        [lineOf('Backfill'), 'action-item-overdue', 3],
        [lineOf('Retire'), 'action-item-incomplete', 2],
      ].sort(byLine),
    );
    const overdue = found.find((d) => d.code === 'action-item-overdue' && d.range.start.line === lineOf('Alert on queue depth'))!;
    assert.equal(overdue.message, `Action item is overdue: due ${day(-3)}, 3 days ago; tick it if it is done, or give it a new date`);
  });

  it('completes the owner after the dash with the owners of the other items, and a due date on the horizon', async () => {
    const line = lineOf('Retire');
    const character = text.split('\r\n')[line].length;
    const owners = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    assert.deepEqual(owners.items.map((i) => i.label).sort(), ['@ana', '@bo', 'Cy Dee']);
    assert.equal(owners.items[0].label, '@ana');
    await client.insert(uri, { line, character }, '@bo - ');
    const dates = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: character + '@bo - '.length } });
    const month = new Date(`${incident}T00:00:00Z`);
    month.setUTCMonth(month.getUTCMonth() + 1);
    assert.equal(dates.items[0].label, `${month.toISOString().slice(0, 10)} (1 month)`);
  });
});
