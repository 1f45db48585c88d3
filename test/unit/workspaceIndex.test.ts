/**
 * The workspace index (host/workspaceIndex.ts) over a file system in memory: built at start,
 * then a file created, changed, deleted and renamed, a folder added, open documents' text, and
 * 5,000 files; the summary it keeps (service/workspace/summary.ts); and the rules that read it
 * (duplicate-incident-id) or the Follow-up Review (follow-up-review-overdue).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileEntry, FileStat, HostFileSystem } from '../../host/fileSystem';
import { WorkspaceIndex } from '../../host/workspaceIndex';
import { summarize } from '../../server/src/service/workspace/summary';
import { cleanPostmortem } from '../support/corpus';
import { service } from '../support/service';

/** Files in memory under absolute paths; folders are what the paths imply. */
class MemoryFs implements HostFileSystem {
  readonly files = new Map<string, string>();
  reads = 0;
  async readFile(path: string): Promise<string> {
    const text = this.files.get(path);
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    this.reads++;
    return text;
  }
  async stat(path: string): Promise<FileStat> {
    const text = this.files.get(path);
    if (text !== undefined) return { type: 'file', size: text.length };
    if ([...this.files.keys()].some((f) => f.startsWith(`${path}/`))) return { type: 'directory', size: 0 };
    throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  }
  async readDirectory(path: string): Promise<FileEntry[]> {
    const names = new Map<string, FileEntry['type']>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(`${path}/`)) continue;
      const [name, ...rest] = file.slice(path.length + 1).split('/');
      names.set(name, rest.length ? 'directory' : 'file');
    }
    if (names.size === 0 && !this.files.has(path)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return [...names].map(([name, type]) => ({ name, type }));
  }
  async realPath(path: string): Promise<string> {
    return path;
  }
}

const postmortem = (title: string, id: string) =>
  cleanPostmortem()
    .replace(/^# .*$/m, `# Post-Mortem: ${title}`)
    .replace(/^\*\*Incident ID\*\*: .*$/m, `**Incident ID**: ${id}`);

const indexOf = (fs: MemoryFs) => new WorkspaceIndex({ service: () => service, fs, isPostmortem: (_path, analysis) => analysis.looksLikePostmortem });
const titles = (index: WorkspaceIndex) => index.all().map((e) => e.summary.title).sort();

describe('the workspace index', () => {
  it('indexes the post-mortems under the folders at start, and no other Markdown file', async () => {
    const fs = new MemoryFs();
    fs.files.set('/ws/postmortems/a.md', postmortem('Alpha', 'INC-20261120-01'));
    fs.files.set('/ws/postmortems/2026/b.md', postmortem('Beta', 'INC-20261120-02'));
    fs.files.set('/ws/README.md', '# Notes\n\nNothing here.\n');
    fs.files.set('/ws/node_modules/x/c.md', postmortem('In node_modules', 'INC-20261120-09'));
    const index = indexOf(fs);
    const seen: number[] = [];
    await index.build(['/ws'], (p) => seen.push(p.done));
    assert.deepEqual(titles(index), ['Alpha', 'Beta']);
    assert.deepEqual(seen, [0, 1, 2, 3]);
    assert.deepEqual(index.factsFor('/ws/postmortems/a.md').filesWithId('INC-20261120-02'), ['/ws/postmortems/2026/b.md']);
  });

  it('follows a file created, changed, deleted and renamed, and a folder added', async () => {
    const fs = new MemoryFs();
    fs.files.set('/ws/a.md', postmortem('Alpha', 'INC-20261120-01'));
    const index = indexOf(fs);
    let changes = 0;
    index.onChange(() => changes++);
    await index.build(['/ws']);
    fs.files.set('/ws/b.md', postmortem('Beta', 'INC-20261120-01'));
    await index.update('/ws/b.md');
    assert.deepEqual(titles(index), ['Alpha', 'Beta']);
    assert.deepEqual(index.factsFor('/ws/a.md').filesWithId('INC-20261120-01'), ['/ws/b.md']);
    const ids = index.idsGeneration;
    fs.files.set('/ws/b.md', postmortem('Beta, edited', 'INC-20261120-02'));
    await index.update('/ws/b.md');
    assert.deepEqual(titles(index), ['Alpha', 'Beta, edited']);
    assert.deepEqual(index.factsFor('/ws/a.md').filesWithId('INC-20261120-01'), []);
    assert.notEqual(index.idsGeneration, ids);
    // Renamed: deleted under one name, created under the other.
    fs.files.set('/ws/c.md', fs.files.get('/ws/b.md')!);
    fs.files.delete('/ws/b.md');
    index.remove('/ws/b.md');
    await index.update('/ws/c.md');
    assert.deepEqual(index.all().map((e) => e.path).sort(), ['/ws/a.md', '/ws/c.md']);
    // A deleted folder takes its files with it; an update of a file gone removes it.
    fs.files.set('/ws/sub/d.md', postmortem('Delta', 'INC-20261120-04'));
    await index.update('/ws/sub/d.md');
    fs.files.delete('/ws/sub/d.md');
    index.remove('/ws/sub');
    assert.equal(index.get('/ws/sub/d.md'), undefined);
    fs.files.delete('/ws/c.md');
    await index.update('/ws/c.md');
    assert.deepEqual(titles(index), ['Alpha']);
    // A folder added: built again over both.
    fs.files.set('/other/e.md', postmortem('Epsilon', 'INC-20261120-05'));
    await index.build(['/ws', '/other']);
    assert.deepEqual(titles(index), ['Alpha', 'Epsilon']);
    assert.ok(changes >= 5);
  });

  it('keeps an open document’s text until it is closed, and its ID counts meanwhile', async () => {
    const fs = new MemoryFs();
    fs.files.set('/ws/a.md', postmortem('Alpha', 'INC-20261120-01'));
    fs.files.set('/ws/b.md', postmortem('Beta', 'INC-20261120-02'));
    const index = indexOf(fs);
    await index.build(['/ws']);
    const edited = service.analyze(postmortem('Alpha, being edited', 'INC-20261120-02'));
    index.setOpen('/ws/a.md', edited, true);
    assert.deepEqual(titles(index), ['Alpha, being edited', 'Beta']);
    assert.deepEqual(index.factsFor('/ws/b.md').filesWithId('INC-20261120-02'), ['/ws/a.md']);
    // A file event for an open document does not replace its text.
    await index.update('/ws/a.md');
    assert.deepEqual(titles(index), ['Alpha, being edited', 'Beta']);
    await index.closed('/ws/a.md');
    assert.deepEqual(titles(index), ['Alpha', 'Beta']);
    assert.deepEqual(index.factsFor('/ws/b.md').filesWithId('INC-20261120-02'), []);
  });

  it('reads at most its limit of Markdown files, and says how many it left', async () => {
    const fs = new MemoryFs();
    for (let i = 0; i < 5; i++) fs.files.set(`/ws/pm-${i}.md`, postmortem(`Incident ${i}`, `INC-20261120-0${i}`));
    const index = new WorkspaceIndex({ service: () => service, fs, isPostmortem: (_p, a) => a.looksLikePostmortem, mostFiles: 3 });
    let left: number | undefined;
    await index.build(['/ws'], (p) => (left = p.left));
    assert.equal(index.size, 3);
    assert.equal(left, 2);
    assert.equal(fs.reads, 3);
  });

  it('indexes 5,000 files, each read once, and answers from summaries', async () => {
    const fs = new MemoryFs();
    const base = postmortem('Base', 'INC-20261120-01');
    for (let i = 0; i < 5000; i++) fs.files.set(`/big/pm-${i}.md`, base.replace('INC-20261120-01', `INC-20261120-${String(i).padStart(4, '0')}`).replace('# Post-Mortem: Base', `# Post-Mortem: Incident ${i}`));
    const index = indexOf(fs);
    await index.build(['/big']);
    assert.equal(index.size, 5000);
    assert.equal(fs.reads, 5000);
    assert.equal(index.factsFor('/big/pm-1.md').ids().size, 5000);
    assert.ok(index.owners().includes('@maria'));
  });
});

describe('a post-mortem summary', () => {
  it('keeps the ID, title, date, insight fields, status, what is left, metrics and action items', () => {
    const text = `---\nstatus: in-review\n---\n${cleanPostmortem().replace('- [x] Add replica lag alert grouping per cluster', '- [ ] Add replica lag alert grouping per cluster')}`;
    const summary = summarize(service.analyze(text));
    assert.equal(summary.id, 'INC-20261120-01');
    assert.equal(summary.title, 'Postgres failover left the orders cluster in split-brain');
    assert.equal(summary.date, '2026-11-20');
    assert.equal(summary.status, 'in-review');
    assert.equal(summary.fields.Severity, 'CRITICAL');
    assert.equal(summary.unfilled, 0);
    assert.ok(summary.metrics.Duration > 0);
    const item = summary.actionItems.find((i) => i.text === 'Add replica lag alert grouping per cluster')!;
    assert.deepEqual({ ...item, line: 0 }, { line: 0, text: 'Add replica lag alert grouping per cluster', state: 'open', checkbox: true, owner: '@maria', due: '2026-11-27', horizon: 'Short-term' });
    assert.equal(text.split('\n')[item.line].startsWith('- [ ] Add replica lag'), true);
  });
});

describe('the rules that read the workspace and the follow-up review', () => {
  const diagnose = (text: string, options: Parameters<typeof service.diagnostics>[1] = {}) => service.diagnostics(service.analyze(text), { today: '2026-12-01', ...options });

  it('duplicate-incident-id: another post-mortem has the ID; the fix names the next free one', () => {
    const text = cleanPostmortem();
    const workspace = { filesWithId: (id: string) => (id === 'INC-20261120-01' ? ['postmortems/copy.md'] : []), ids: () => new Set(['INC-20261120-01', 'INC-20261120-02']) };
    const [d] = diagnose(text, { workspace }).filter((x) => x.code === 'duplicate-incident-id');
    assert.equal(d.message, 'Incident ID INC-20261120-01 is also the ID of postmortems/copy.md: give this post-mortem an ID of its own (INC-20261120-03 is free)');
    assert.equal(d.severity, 2);
    const line = text.split('\n')[d.range.start.line];
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'INC-20261120-01');
    const analysis = service.analyze(text);
    const [fix] = service.codeActions({ analysis, uri: 'file:///a.md', version: 1, range: d.range, diagnostics: [d] }).filter((a) => a.title.startsWith('Change the Incident ID'));
    assert.equal(fix.title, 'Change the Incident ID to INC-20261120-03');
    // No workspace, or an ID of its own: nothing.
    assert.deepEqual(diagnose(text).filter((x) => x.code === 'duplicate-incident-id'), []);
    assert.deepEqual(diagnose(text, { workspace: { filesWithId: () => [], ids: () => new Set() } }).filter((x) => x.code === 'duplicate-incident-id'), []);
  });

  it('follow-up-review-overdue: a past review date whose record is still to write', () => {
    const text = cleanPostmortem();
    const review = text.split('\n').findIndex((l) => l.startsWith('### Review Date:'));
    assert.notEqual(review, -1);
    const lines = text.split('\n');
    lines[review] = '### Review Date: 2026-11-27';
    // Its record unfilled.
    for (let k = review + 1; k < review + 4; k++) lines[k] = lines[k].replace(/(\*\*[^*]+\*\*:).*/, '$1 [Team members]');
    const pending = lines.join('\n');
    const found = diagnose(pending).filter((x) => x.code === 'follow-up-review-overdue');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(String(found[0].message), /^The follow-up review was due on 2026-11-27 and is not written up: record its Attendees, /);
    assert.equal(found[0].severity, 3);
    assert.deepEqual(diagnose(pending, { today: '2026-11-27' }).filter((x) => x.code === 'follow-up-review-overdue'), []);
    // Written up: nothing.
    const written = text.split('\n');
    written[review] = '### Review Date: 2026-11-27';
    assert.deepEqual(diagnose(written.join('\n')).filter((x) => x.code === 'follow-up-review-overdue'), []);
  });
});
