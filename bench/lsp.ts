/**
 * A lean LSP client for timing the bundled server over stdio, as an editor drives it: spawn,
 * initialize, open, edit, pull or wait for pushed diagnostics, and read the server's memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { serverEnvironmentFrom } from '../client/src/serverEnvironment';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

interface Published {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

export interface Position {
  line: number;
  character: number;
}

export class BenchClient {
  private published = new Map<string, Published>();
  private waiters = new Map<string, (p: Published) => void>();
  readonly stderr: string[] = [];
  private results = new Map<string, { resultId?: string; count: number }>();
  private versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    /** Milliseconds from spawn to the `initialize` result. */
    readonly initializeMs: number,
  ) {}

  /**
   * Starts the server and initializes it. `pull`: announce pull diagnostics, as VS Code does;
   * otherwise the server pushes them, as for older Neovim and most other editors. `nodeArgs`:
   * for the server's node (`--cpu-prof`, for one). `env`: the server's environment, by default
   * the one the extension's client gives it.
   */
  static async start(
    serverPath: string,
    pull: boolean,
    nodeArgs: readonly string[] = [],
    env: NodeJS.ProcessEnv = serverEnvironmentFrom(process.env),
  ): Promise<BenchClient> {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    let client: BenchClient | undefined;
    const early: Published[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      if (client) client.onPublished(params);
      else early.push(params);
    });
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: pull ? { refreshSupport: true } : undefined,
          workspaceEdit: { documentChanges: true },
        },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          diagnostic: pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
        },
      },
    });
    const initializeMs = performance.now() - t0;
    await connection.sendNotification('initialized', {});
    client = new BenchClient(child, connection, initializeMs);
    child.stderr!.on('data', (chunk: Buffer) => client!.stderr.push(chunk.toString()));
    for (const p of early) client.onPublished(p);
    return client;
  }

  private onPublished(params: Published): void {
    this.published.set(params.uri, params);
    const key = `${params.uri}#${params.version}`;
    const waiter = this.waiters.get(key);
    if (waiter) {
      this.waiters.delete(key);
      waiter(params);
    }
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  /** The version last sent for a document (as told by `setVersion`; 1 after open). */
  versionOf(uri: string): number {
    return this.versions.get(uri) ?? 1;
  }

  setVersion(uri: string, version: number): void {
    this.versions.set(uri, version);
  }

  close(uri: string): Promise<void> {
    this.results.delete(uri);
    this.versions.delete(uri);
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Inserts `text` at a position (an incremental change). */
  insert(uri: string, version: number, at: Position, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: at, end: at }, text }],
    });
  }

  /**
   * Pull diagnostics (textDocument/diagnostic) with the previous result id, as VS Code does;
   * resolves with their number and whether the server answered 'unchanged'.
   */
  async pull(uri: string): Promise<{ count: number; unchanged: boolean }> {
    const previous = this.results.get(uri);
    const report = await this.connection.sendRequest<{ kind: string; resultId?: string; items?: unknown[] }>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: previous?.resultId,
    });
    if (report.kind === 'unchanged' && previous) return { count: previous.count, unchanged: true };
    const count = report.items?.length ?? 0;
    this.results.set(uri, { resultId: report.resultId, count });
    return { count, unchanged: false };
  }

  /** Resolves with the number of diagnostics pushed for a document version. */
  pushed(uri: string, version: number, timeoutMs: number): Promise<number> {
    const known = this.published.get(uri);
    if (known && known.version === version) return Promise.resolve(known.diagnostics.length);
    return new Promise((resolve, reject) => {
      const key = `${uri}#${version}`;
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(key, (p) => {
        clearTimeout(timer);
        resolve(p.diagnostics.length);
      });
    });
  }

  /** Resident memory (VmRSS) and its peak (VmHWM) of the server process, in bytes (Linux). */
  memory(): { rss: number; hwm: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
