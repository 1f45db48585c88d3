/**
 * The server in this process, over a pair of in-memory streams: the handlers are driven through
 * the real protocol (the same vscode-languageserver connection as over stdio), with a host the
 * test chooses, so a test can reach inside (a service that fails, files that are not on disk).
 */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { ServerContext } from '../../server/src/context';
import { createServer } from '../../server/src/createServer';
import { nodeFileSystem } from '../../host/fileSystem';
import { readSchemaYaml } from '../../host/schemaReader';
import type { ServerHost } from '../../server/src/host';
import { serviceFor } from '../../server/src/service/service';
import { service } from './service';

export interface InProcessServer {
  client: MessageConnection;
  context: ServerContext;
  logs: string[];
  /** Pushed diagnostics by URI (the latest). */
  published: Map<string, { uri: string; version?: number; diagnostics: unknown[] }>;
  dispose(): void;
}

export async function startInProcess(options: { host?: Partial<ServerHost>; pull?: boolean; settings?: unknown; initializationOptions?: unknown } = {}): Promise<InProcessServer> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  // Unbundled, the shipped template and the YAML reader come from the sources, as the tests read them.
  const host: ServerHost = { fs: nodeFileSystem, defaultTemplate: () => service.template, readSchema: () => readSchemaYaml, serviceFor, docsBaseUri: undefined, ...options.host };
  const context = createServer(connection, host);
  connection.listen();
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const logs: string[] = [];
  const published: InProcessServer['published'] = new Map();
  client.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
  client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => void published.set(params.uri, params));
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings ?? null));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('workspace/diagnostic/refresh', () => null);
  client.listen();
  await client.sendRequest('initialize', {
    // No process id: the server would watch its own process for exiting.
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: { configuration: options.settings !== undefined, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: options.pull === false ? undefined : { dynamicRegistration: false }, publishDiagnostics: { versionSupport: true } },
    },
  });
  await client.sendNotification('initialized', {});
  return {
    client,
    context,
    logs,
    published,
    dispose() {
      client.dispose();
      connection.dispose();
      toServer.end();
      toClient.end();
    },
  };
}
