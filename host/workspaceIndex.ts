/**
 * The workspace index: every post-mortem under the workspace folders, as a compact summary
 * (service/workspace/summary.ts: ID, title, date, insight fields, status, what is left to fill,
 * metrics, action items), not a full analysis. Built once in the background, a file at a time
 * (each read is awaited, so requests and keystrokes are served between files), then kept
 * current file by file: from file watching, and from the open documents, whose text wins over
 * the file's. It answers the cross-file questions: which other post-mortems have an Incident ID,
 * which IDs are taken, who owns action items, which post-mortems match a symbol search.
 *
 * Shared by the server and postmortem-check (`report`); its reads go through HostFileSystem.
 */
import * as path from 'node:path';
import type { Analysis } from '../server/src/service/analysis';
import type { WorkspaceFacts } from '../server/src/service/rules/rule';
import type { PostmortemService } from '../server/src/service/service';
import type { DateOrder } from '../server/src/service/values/date';
import { summarize, type PostmortemSummary } from '../server/src/service/workspace/summary';
import { nodeFileSystem, type HostFileSystem } from './fileSystem';
import { collectMarkdownFiles } from './markdownFiles';

/** A larger file is no post-mortem the index reads (the server's limit for a document it checks). */
const maxFileBytes = 2_000_000;
/** Files read ahead of the one analysed. */
const readAhead = 4;
/**
 * Markdown files indexed at most: a workspace of more (a documentation monorepo) has its first
 * ones indexed, in the walk's order, and says so, rather than reading every file it holds.
 */
export const mostIndexedFiles = 20_000;

export interface IndexEntry {
  /** The file's path, with forward slashes. */
  path: string;
  summary: PostmortemSummary;
  /** Read from the open document's text, not the file's. */
  open: boolean;
}

export interface IndexOptions {
  /** The service of the template in use (it may change: the index is then built again). */
  service: () => PostmortemService;
  fs?: HostFileSystem;
  /** Whether an analysed file is a post-mortem: the one detection, with the file's place. */
  isPostmortem: (filePath: string, analysis: Analysis) => boolean;
  dateOrder?: () => DateOrder;
  /** Markdown files indexed at most (mostIndexedFiles). */
  mostFiles?: number;
}

export interface BuildProgress {
  done: number;
  total: number;
  /** Markdown files found beyond mostIndexedFiles, not indexed. */
  left?: number;
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly byId = new Map<string, Set<string>>();
  private readonly listeners: (() => void)[] = [];
  private readonly fs: HostFileSystem;
  /** Bumped on every change (the views are stale when it moves). */
  generation = 0;
  /** Bumped when which files have which Incident ID changes (the cross-file diagnostics are stale then). */
  idsGeneration = 0;
  private ownersOf: { generation: number; owners: string[] } | undefined;
  /** The build running, for a second one to wait for, and a counter to drop a superseded one. */
  private building: Promise<void> | undefined;
  private buildNumber = 0;

  constructor(private readonly options: IndexOptions) {
    this.fs = options.fs ?? nodeFileSystem;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  get size(): number {
    return this.entries.size;
  }

  all(): IndexEntry[] {
    return [...this.entries.values()].sort((a, b) => (b.summary.date ?? '').localeCompare(a.summary.date ?? '') || a.path.localeCompare(b.path));
  }

  get(filePath: string): IndexEntry | undefined {
    return this.entries.get(normal(filePath));
  }

  /**
   * Indexes every Markdown file under the folders from scratch (files of open documents keep
   * their open text). `progress` is told after each file; a later build supersedes this one.
   */
  build(folders: readonly string[], progress?: (p: BuildProgress) => void): Promise<void> {
    const number = ++this.buildNumber;
    const run = async () => {
      const found = (await collectMarkdownFiles(folders, this.fs)).files;
      if (number !== this.buildNumber) return;
      const files = found.slice(0, this.options.mostFiles ?? mostIndexedFiles);
      const left = found.length - files.length;
      const keep = new Set(files.map(normal));
      for (const [key, entry] of this.entries) if (!entry.open && !keep.has(key)) this.delete(key);
      progress?.({ done: 0, total: files.length, left });
      // A few files are read ahead while one is analysed: the reads wait on the disk, not the CPU.
      const texts: Promise<string | undefined>[] = [];
      const ahead = (k: number) => {
        if (k < files.length && texts[k] === undefined) texts[k] = this.entries.get(normal(files[k]))?.open ? Promise.resolve(undefined) : this.readText(files[k]);
      };
      for (let k = 0; k < Math.min(readAhead, files.length); k++) ahead(k);
      for (let k = 0; k < files.length; k++) {
        if (number !== this.buildNumber) return;
        ahead(k + readAhead);
        const text = await texts[k];
        delete texts[k];
        const key = normal(files[k]);
        if (!this.entries.get(key)?.open) {
          if (text === undefined) this.delete(key);
          else this.index(files[k], text);
        }
        progress?.({ done: k + 1, total: files.length, left });
      }
      this.changed();
    };
    const previous = this.building ?? Promise.resolve();
    const building = previous.catch(() => undefined).then(run);
    this.building = building;
    return building;
  }

  /** The build running, if any, done. */
  async settled(): Promise<void> {
    while (this.building) {
      const current = this.building;
      await current.catch(() => undefined);
      if (this.building === current) this.building = undefined;
    }
  }

  /** A file created or changed on disk: read again (unless it is open, whose text counts). */
  async update(filePath: string): Promise<void> {
    if (this.entries.get(normal(filePath))?.open) return;
    const before = this.entries.get(normal(filePath))?.summary;
    await this.readFile(filePath);
    if (this.entries.get(normal(filePath))?.summary !== before) this.changed();
  }

  /** A file deleted (or a folder: every file under it). */
  remove(filePath: string): void {
    const key = normal(filePath);
    let removed = false;
    for (const entryKey of [...this.entries.keys()]) {
      if (entryKey === key || entryKey.startsWith(`${key}/`)) removed = this.delete(entryKey) || removed;
    }
    if (removed) this.changed();
  }

  /** An open document's analysis: its text counts until it is closed (then `closed` reads the file again). */
  setOpen(filePath: string, analysis: Analysis, postmortem: boolean): void {
    const key = normal(filePath);
    if (postmortem) this.put(key, summarize(analysis), true);
    else if (this.entries.has(key)) this.delete(key);
    else return;
    this.changed();
  }

  /** An open document closed: the file's text counts again. */
  async closed(filePath: string): Promise<void> {
    const entry = this.entries.get(normal(filePath));
    if (entry) entry.open = false;
    await this.update(filePath);
  }

  /** What the cross-file rules ask, for one post-mortem (the others, that is). */
  factsFor(filePath: string): WorkspaceFacts & { generation: number } {
    const self = normal(filePath);
    return {
      generation: this.idsGeneration,
      filesWithId: (id) => [...(this.byId.get(id) ?? [])].filter((p) => p !== self).sort(),
      ids: () => new Set(this.byId.keys()),
    };
  }

  /** Owners of action items across the workspace, most items first. */
  owners(): string[] {
    if (this.ownersOf?.generation === this.generation) return this.ownersOf.owners;
    const counts = new Map<string, number>();
    for (const { summary } of this.entries.values()) for (const item of summary.actionItems) if (item.owner) counts.set(item.owner, (counts.get(item.owner) ?? 0) + 1);
    const owners = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([owner]) => owner);
    this.ownersOf = { generation: this.generation, owners };
    return owners;
  }

  private async readFile(filePath: string): Promise<void> {
    const text = await this.readText(filePath);
    if (text === undefined) this.delete(normal(filePath));
    else this.index(filePath, text);
  }

  /** A file's text; undefined when it is gone, unreadable, no file or too large. */
  private async readText(filePath: string): Promise<string | undefined> {
    try {
      // Read at once (a folder or a missing file fails the read); a stat before each read cost as much as the read.
      const text = await this.fs.readFile(filePath);
      return text.length > maxFileBytes ? undefined : text;
    } catch {
      return undefined;
    }
  }

  private index(filePath: string, text: string): void {
    const key = normal(filePath);
    const service = this.options.service();
    const analysis = service.analyze(text, { dateOrder: this.options.dateOrder?.() ?? 'auto', withoutBlameless: true });
    if (analysis.tooLarge === undefined && this.options.isPostmortem(filePath, analysis)) this.put(key, summarize(analysis), false);
    else this.delete(key);
  }

  private put(key: string, summary: PostmortemSummary, open: boolean): void {
    const before = this.entries.get(key)?.summary.id;
    this.delete(key);
    this.entries.set(key, { path: key, summary, open });
    // Deleted and added again under the same ID: the IDs are as they were.
    if (before === summary.id && before !== undefined) this.idsGeneration--;
    if (summary.id !== undefined) {
      this.idsGeneration++;
      let set = this.byId.get(summary.id);
      if (!set) this.byId.set(summary.id, (set = new Set()));
      set.add(key);
    }
  }

  private delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    const id = entry.summary.id;
    if (id !== undefined) {
      this.idsGeneration++;
      const set = this.byId.get(id);
      set?.delete(key);
      if (set?.size === 0) this.byId.delete(id);
    }
    return true;
  }

  private changed(): void {
    this.generation++;
    for (const listener of this.listeners) listener();
  }
}

function normal(filePath: string): string {
  return path.resolve(filePath).replace(/\\/g, '/');
}
