/**
 * Keeps the server on the template `postmortem.template` names: loads it at start, when the
 * setting, the workspace trust or either file changes, and falls back to the shipped template
 * when it cannot be used, telling the user once per change (a warning naming the file and the
 * first problem with its line, a line in the output per problem, diagnostics on the schema file).
 */
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import * as path from 'node:path';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  MessageType,
  type Connection,
  type Diagnostic,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
} from 'vscode-languageserver/node';
import type { HostFileSystem } from '../../../host/fileSystem';
import type { SchemaReader } from '../../../host/schemaReader';
import type { PostmortemService } from '../service/service';
import { URI } from '../../../host/uri';
import { serviceOfLoadedTemplate } from '../../../host/templateConsistency';
import { loadTemplate, type TemplateProblem } from '../../../host/templateLoader';

export const templateDiagnosticCode = 'template-schema';

export interface TemplateManagerOptions {
  connection: Connection;
  /** The current `postmortem.template` setting. */
  setting: () => Promise<string | undefined>;
  /** The workspace folders as paths, now: folders can be added and removed while the server runs. */
  workspaceFolders: () => readonly string[];
  trusted: boolean;
  readSchema: () => SchemaReader;
  /** Where the template and its schema are read. */
  fs?: HostFileSystem;
  /** Called after the template in use changed: the open documents must be analysed again. */
  onChange: () => void;
  /** The client watches files for the server (dynamic registration of didChangeWatchedFiles). */
  clientWatches: boolean;
  relativePatterns: boolean;
  /** Poll interval of the server's own watching, when the client does not watch. */
  pollMs?: number;
}

export class TemplateManager {
  private current: { key: string; service: PostmortemService; templatePath: string } | undefined;
  private trusted: boolean;
  /** What was last reported, so a problem is told once, not at every reload. */
  private reported = '';
  private diagnosed = new Set<string>();
  private watched: string[] = [];
  private registration: Promise<Disposable> | undefined;
  private dirty = false;
  private running: Promise<void> | undefined;

  constructor(private readonly options: TemplateManagerOptions) {
    this.trusted = options.trusted;
  }

  /** The custom template's service, or undefined for the shipped template. */
  service(): PostmortemService | undefined {
    return this.current?.service;
  }

  /**
   * Resolves when no load is running (at once, mostly), or after `maxWaitMs`: a client that never
   * answers workspace/configuration, or a file system that hangs, must not hold diagnostics up.
   */
  settled(maxWaitMs = 2000): Promise<void> {
    const running = this.running;
    if (!running) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]).finally(() => clearTimeout(timer));
  }

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    void this.reload();
  }

  /** From workspace/didChangeWatchedFiles: reloads when one of the template's files changed. */
  filesChanged(changes: readonly FileEvent[]): void {
    const paths = new Set(this.watched.map((p) => path.resolve(p)));
    if (changes.some((c) => {
      const p = URI.toPath(c.uri);
      return p !== undefined && paths.has(path.resolve(p));
    })) {
      void this.reload();
    }
  }

  /** Loads the template again; loads asked for while one runs are merged into one more. */
  reload(): Promise<void> {
    this.dirty = true;
    this.running ??= (async () => {
      try {
        while (this.dirty) {
          this.dirty = false;
          try {
            await this.loadOnce();
          } catch (error) {
            this.options.connection.console.error(`Loading the post-mortem template failed: ${(error as Error)?.stack ?? error}`);
          }
        }
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async loadOnce(): Promise<void> {
    const { connection } = this.options;
    const setting = ((await this.options.setting()) ?? '').trim();
    if (setting === '') {
      this.watch([]);
      this.report([]);
      this.use(undefined);
      return;
    }
    const result = await loadTemplate(setting, { workspaceFolders: this.options.workspaceFolders(), trusted: this.trusted, readSchema: this.options.readSchema, fs: this.options.fs });
    this.watch([result.templatePath, result.schemaPath].filter((p): p is string => p !== undefined));
    if (!result.ok) {
      this.use(undefined);
      this.report(result.problems, result.texts);
      return;
    }
    const key = `${result.templatePath}\0${result.templateText}\0${result.schemaText}`;
    if (this.current?.key === key) {
      this.report([]);
      return;
    }
    const checked = serviceOfLoadedTemplate(result);
    if (checked.problems) {
      this.use(undefined);
      this.report(checked.problems, new Map([[result.templatePath, result.templateText], [result.schemaPath, result.schemaText]]));
      return;
    }
    this.report([]);
    connection.console.log(`Using the post-mortem template ${result.templatePath} (schema ${path.basename(result.schemaPath)}).`);
    this.use({ key, service: checked.service, templatePath: result.templatePath });
  }

  private use(next: TemplateManager['current']): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    if (!next && previous) this.options.connection.console.log('Using the shipped post-mortem template.');
    this.options.onChange();
  }

  /** Tells the user about new problems (once), and clears what was told when they are gone. */
  private report(problems: TemplateProblem[], texts = new Map<string, string>()): void {
    const { connection } = this.options;
    const signature = JSON.stringify(problems);
    if (signature === this.reported) return;
    this.reported = signature;

    const byFile = new Map<string, Diagnostic[]>();
    for (const problem of problems) {
      // Only the schema file gets diagnostics: the template is Markdown, whose diagnostics the
      // server publishes as a document's when it is open (one would replace the other).
      if (problem.file === undefined || /\.md$/i.test(problem.file)) continue;
      const lines = texts.get(problem.file)?.split(/\r\n|\r|\n/);
      const line = lines ? Math.min(problem.line, lines.length - 1) : problem.line;
      const end = lines?.[line]?.length ?? 0;
      const diagnostics = byFile.get(problem.file) ?? [];
      diagnostics.push({
        range: { start: { line, character: 0 }, end: { line, character: end } },
        severity: DiagnosticSeverity.Error,
        source: 'postmortem',
        code: templateDiagnosticCode,
        message: problem.message.replace(`${problem.file}:${problem.line + 1}: `, ''),
      });
      byFile.set(problem.file, diagnostics);
    }
    const uris = new Map([...byFile].map(([file, diagnostics]) => [URI.fromPath(file), diagnostics]));
    for (const uri of this.diagnosed) {
      if (!uris.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    for (const [uri, diagnostics] of uris) void connection.sendDiagnostics({ uri, diagnostics });
    this.diagnosed = new Set(uris.keys());

    if (problems.length === 0) return;
    for (const problem of problems) connection.console.warn(problem.message);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: see the output)` : '';
    void connection.sendNotification('window/showMessage', {
      type: MessageType.Warning,
      message: `Cannot use the post-mortem template; using the shipped one instead. ${problems[0].message}${more}`,
    });
  }

  /** Watches the template's two files, through the client when it can, else by polling them. */
  private watch(paths: string[]): void {
    if (paths.length === this.watched.length && paths.every((p, i) => p === this.watched[i])) return;
    const previous = this.watched;
    this.watched = paths;
    if (this.options.clientWatches) {
      const old = this.registration;
      this.registration = undefined;
      void old?.then((d) => d.dispose()).catch(() => undefined);
      if (paths.length === 0) return;
      const watchers: FileSystemWatcher[] = paths.map((p) =>
        this.options.relativePatterns
          ? { globPattern: { baseUri: URI.fromPath(path.dirname(p)), pattern: path.basename(p) } }
          : { globPattern: p.replace(/\\/g, '/') },
      );
      this.registration = this.options.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      this.registration.catch((error) => this.options.connection.console.warn(`Watching the template files: ${(error as Error)?.message ?? error}`));
      return;
    }
    for (const p of previous) unwatchFile(p, this.onPoll);
    for (const p of paths) watchFile(p, { interval: this.options.pollMs ?? 1000, persistent: false }, this.onPoll);
  }

  private readonly onPoll = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size || current.ino !== previous.ino) void this.reload();
  };
}
