/**
 * The LSP client of the protocol tests and the benchmark: starts a language server over stdio
 * (the bundled one unless told otherwise), as an editor does, and drives it: open, edit, pull
 * diagnostics or wait for pushed ones, requests. For the benchmark it also times the start
 * (spawn to `initialize` result), pulls with the previous result id as VS Code does, and reads
 * the server's memory (from /proc, or from the server itself through the memory probe).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { serverEnvironmentFrom } from '../../client/src/serverEnvironment';

export const repoRoot = join(__dirname, '..', '..');

/** The bundled server's entry point. */
export const serverPath = join(repoRoot, 'dist/server.js');

/**
 * Preloaded into the server's node by `memoryProbe: true`: answers the client's IPC message
 * with the server's process.memoryUsage() after a full garbage collection.
 */
export const memoryProbePath = join(repoRoot, 'test/support/memoryProbe.cjs');

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface Position {
  line: number;
  character: number;
}

export interface StartOptions {
  /** The server's entry point; by default the bundled dist/server.js. */
  serverPath?: string;
  /** Arguments after `--stdio`. */
  serverArgs?: readonly string[];
  /** Arguments of the server's node, before the entry point (`--cpu-prof`, for one). */
  nodeArgs?: readonly string[];
  /** Announce pull diagnostics (VS Code does; older Neovim does not). */
  pull?: boolean;
  /** What `workspace/configuration` answers for `postmortem`; undefined: the client does not support it. */
  settings?: () => unknown;
  initializationOptions?: unknown;
  workspaceFolder?: string;
  /** The server's whole environment; by default the one the extension's client gives it. */
  environment?: NodeJS.ProcessEnv;
  /** Extra environment for the server process, over `environment`. */
  env?: Record<string, string>;
  /** Workspace client capabilities added to the default ones (didChangeWatchedFiles...). */
  workspaceCapabilities?: Record<string, unknown>;
  /** Window client capabilities (`workDoneProgress: true`: the server may show progress). */
  windowCapabilities?: Record<string, unknown>;
  /** Text document client capabilities added to the default ones. */
  textDocumentCapabilities?: Record<string, unknown>;
  /** Preload the memory probe (and --expose-gc) into the server's node, for `heap()`. */
  memoryProbe?: boolean;
}

/** What VS Code announces beyond the tests' defaults: save notifications, snippets, diagnostics with their links and data. */
export const vscodeTextDocumentCapabilities: Record<string, unknown> = {
  synchronization: { didSave: true, dynamicRegistration: false },
  publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
  completion: { completionItem: { snippetSupport: true } },
};

export interface Registration {
  id: string;
  method: string;
  registerOptions?: unknown;
}

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export class LspClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  /** window/showMessage notifications. */
  readonly messages: Array<{ type: number; message: string }> = [];
  /** Capabilities the server registered (client/registerCapability), unregistered ones removed. */
  readonly registrations = new Map<string, Registration>();
  /** workspace/diagnostic/refresh requests received. */
  refreshes = 0;
  /** workspace/inlayHint/refresh and workspace/codeLens/refresh requests received. */
  inlayHintRefreshes = 0;
  codeLensRefreshes = 0;
  /** workspace/applyEdit requests received (each answered as applied). */
  readonly appliedEdits: Array<{ label?: string; edit: { documentChanges?: Array<{ textDocument: { uri: string; version: number | null }; edits: unknown[] }> } }> = [];
  /** What the server wrote to stderr. */
  readonly stderr: string[] = [];
  /** `$/progress` values received, by token, in order (begin, report..., end). */
  readonly progress = new Map<string | number, Array<{ kind: string; title?: string; message?: string; percentage?: number }>>();
  /** Notifications of other methods received, by method. */
  readonly notifications = new Map<string, unknown[]>();
  /** Milliseconds from spawn to the `initialize` result. */
  initializeMs = NaN;
  private waiters: Array<() => void> = [];
  private publishListeners = new Set<(params: PublishDiagnosticsParams) => void>();
  private versions = new Map<string, number>();
  /** The last full pull report of each document, for `pullSince`. */
  private results = new Map<string, { resultId?: string; items: Diagnostic[] }>();

  private constructor(readonly process: ChildProcess, readonly connection: MessageConnection) {}

  /**
   * Starts the server, initializes it and sends `initialized`: then the client is what an
   * editor is when it is about to open its first document.
   */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const environment = options.environment ?? serverEnvironmentFrom(process.env);
    const nodeArgs = [...(options.memoryProbe ? ['--expose-gc', '--require', memoryProbePath] : []), ...(options.nodeArgs ?? [])];
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, options.serverPath ?? serverPath, '--stdio', ...(options.serverArgs ?? [])], {
      stdio: options.memoryProbe ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
      env: { ...environment, ...options.env },
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.set(params.uri, params);
      for (const listener of client.publishListeners) listener(params);
      client.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings?.() ?? null));
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      client.messages.push(params);
      client.notify();
    });
    connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      for (const r of params.registrations) client.registrations.set(r.id, r);
      client.notify();
      return null;
    });
    connection.onRequest('client/unregisterCapability', (params: { unregisterations: Registration[] }) => {
      for (const r of params.unregisterations) client.registrations.delete(r.id);
      client.notify();
      return null;
    });
    connection.onRequest('workspace/inlayHint/refresh', () => {
      client.inlayHintRefreshes++;
      client.notify();
      return null;
    });
    connection.onRequest('workspace/codeLens/refresh', () => {
      client.codeLensRefreshes++;
      client.notify();
      return null;
    });
    connection.onRequest('workspace/applyEdit', (params: LspClient['appliedEdits'][number]) => {
      client.appliedEdits.push(params);
      client.notify();
      return { applied: true };
    });
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      client.progress.set(params.token, []);
      client.notify();
      return null;
    });
    connection.onNotification('$/progress', (params: { token: string | number; value: { kind: string } }) => {
      const list = client.progress.get(params.token) ?? [];
      list.push(params.value);
      client.progress.set(params.token, list);
      client.notify();
    });
    connection.onNotification((method: string, params: unknown) => {
      const list = client.notifications.get(method) ?? [];
      list.push(params);
      client.notifications.set(method, list);
      client.notify();
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      client.notify();
      return null;
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.workspaceFolder ?? null,
      workspaceFolders: options.workspaceFolder ? [{ uri: options.workspaceFolder, name: 'ws' }] : null,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: options.settings !== undefined,
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: options.pull ? { refreshSupport: true } : undefined,
          workspaceEdit: { documentChanges: true },
          applyEdit: true,
          ...options.workspaceCapabilities,
        },
        textDocument: {
          diagnostic: options.pull ? { dynamicRegistration: false } : undefined,
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: false } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
          ...options.textDocumentCapabilities,
        },
        window: options.windowCapabilities,
      },
    });
    client.initializeMs = performance.now() - t0;
    await connection.sendNotification('initialized', {});
    return client;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `predicate` holds, checked after every notification; fails after `ms`. */
  async until<T>(predicate: () => T | undefined | false, what: string, ms = 5000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  /** The version last sent for a document (1 after open). */
  versionOf(uri: string): number {
    return this.versions.get(uri) ?? 1;
  }

  /** Sends changes as the document's next version; resolves with that version. */
  async change(uri: string, changes: unknown[]): Promise<number> {
    const version = this.versionOf(uri) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Inserts `text` at a position (an incremental change); resolves with the new version. */
  insert(uri: string, at: Position, text: string): Promise<number> {
    return this.change(uri, [{ range: { start: at, end: at }, text }]);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.results.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Waits for the diagnostics pushed for a document version: resolves as the notification is
   * read (or at once when the last one pushed is of that version); fails after `ms`.
   */
  pushed(uri: string, version: number, ms = 5000): Promise<Diagnostic[]> {
    const known = this.published.get(uri);
    if (known && known.version === version) return Promise.resolve(known.diagnostics);
    return new Promise((resolve, reject) => {
      const listener = (params: PublishDiagnosticsParams) => {
        if (params.uri !== uri || params.version !== version) return;
        clearTimeout(timer);
        this.publishListeners.delete(listener);
        resolve(params.diagnostics);
      };
      const timer = setTimeout(() => {
        this.publishListeners.delete(listener);
        reject(new Error(`timed out waiting for diagnostics of ${uri} v${version} (${ms} ms)`));
      }, ms);
      this.publishListeners.add(listener);
    });
  }

  /** Pulls a document's diagnostics (textDocument/diagnostic), without a previous result id: always the full list. */
  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<{ kind: string; resultId?: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  /**
   * Pulls as VS Code does, with the previous result id: the server may answer 'unchanged', and
   * then the diagnostics are the previous ones.
   */
  async pullSince(uri: string): Promise<{ diagnostics: Diagnostic[]; unchanged: boolean }> {
    const previous = this.results.get(uri);
    const report = await this.connection.sendRequest<{ kind: string; resultId?: string; items?: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: previous?.resultId,
    });
    if (report.kind === 'unchanged' && previous) return { diagnostics: previous.items, unchanged: true };
    const items = report.items ?? [];
    this.results.set(uri, { resultId: report.resultId, items });
    return { diagnostics: items, unchanged: false };
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Resident memory (VmRSS) and its peak (VmHWM) of the server process, in bytes (Linux; undefined elsewhere). */
  memory(): { rss: number; hwm: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
    } catch {
      return undefined;
    }
  }

  /** The server's process.memoryUsage() after a full garbage collection (started with `memoryProbe: true`). */
  heap(ms = 10000): Promise<MemoryUsage> {
    const child = this.process;
    if (!child.send) return Promise.reject(new Error('the server was started without the memory probe'));
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string; usage?: MemoryUsage }) => {
        if (message?.type !== 'memory') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message.usage!);
      };
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`no memory reading from the server within ${ms} ms`));
      }, ms);
      child.on('message', onMessage);
      child.send!({ type: 'memory' });
    });
  }

  /** Shutdown and exit, as editors stop a server; killed when it has not exited 2 s later. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
    this.connection.dispose();
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
  }
}
