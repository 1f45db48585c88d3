/**
 * A minimal LSP client for protocol tests: starts the bundled server over stdio, as an editor
 * other than VS Code would, and records what it pushes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
import { serverEnvironmentFrom } from '../../client/src/serverEnvironment';
import { repoRoot } from './service';

export const serverPath = join(repoRoot, 'dist/server.js');

export interface StartOptions {
  /** Announce pull diagnostics (VS Code does; older Neovim does not). */
  pull?: boolean;
  /** What `workspace/configuration` answers for `postmortem`; undefined: the client does not support it. */
  settings?: () => unknown;
  initializationOptions?: unknown;
  workspaceFolder?: string;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Workspace client capabilities added to the default ones (didChangeWatchedFiles...). */
  workspaceCapabilities?: Record<string, unknown>;
}

export interface Registration {
  id: string;
  method: string;
  registerOptions?: unknown;
}

export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  /** window/showMessage notifications. */
  readonly messages: Array<{ type: number; message: string }> = [];
  /** Capabilities the server registered (client/registerCapability), unregistered ones removed. */
  readonly registrations = new Map<string, Registration>();
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();

  private constructor(readonly process: ChildProcess, readonly connection: MessageConnection) {}

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...serverEnvironmentFrom(process.env), ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.set(params.uri, params);
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
          ...options.workspaceCapabilities,
        },
        textDocument: {
          diagnostic: options.pull ? { dynamicRegistration: false } : undefined,
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: false } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  refreshes = 0;

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

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  async change(uri: string, changes: unknown[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Waits for pushed diagnostics of a document version. */
  pushed(uri: string, version: number): Promise<Diagnostic[]> {
    return this.until(() => {
      const p = this.published.get(uri);
      return p && p.version === version ? p.diagnostics : undefined;
    }, `diagnostics of ${uri} v${version}`);
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
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
