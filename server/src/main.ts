/**
 * The language server's entry point: `node dist/server.js --stdio` (any editor) or over IPC (VS
 * Code; vscode-languageserver picks the transport from the command line), on Node's host.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { defaultTemplateModel } from '../../host/defaultTemplate';
import { nodeFileSystem } from '../../host/fileSystem';
import { bundledSchemaReader } from '../../host/schemaReaderBundle';
import { createServer } from './createServer';
import type { ServerHost } from './host';
import { serviceFor } from './service/service';

const connection = createConnection(ProposedFeatures.all);

// One bad document or handler must never take the server, and the user's diagnostics, down.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${error?.stack ?? error}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

/** The server as shipped: Node's file system, the bundled template and schema reader, the rule pages beside the bundle. */
function nodeHost(): ServerHost {
  return {
    fs: nodeFileSystem,
    defaultTemplate: defaultTemplateModel,
    readSchema: bundledSchemaReader,
    serviceFor,
    docsBaseUri: pathToFileURL(path.join(__dirname, '..', 'docs', 'rules') + path.sep).href,
  };
}

createServer(connection, nodeHost());
connection.listen();
