// A trivial language server, the baseline of the cold-open benchmark (bench/openVsTrivial.ts):
// the same vscode-languageserver package as ours, the same open documents (TextDocuments,
// incremental sync), and pull diagnostics answered with diagnostics computed beforehand by the
// real server. It does no analysis, so what it takes is the cost of the protocol alone: reading
// the didOpen of a large document, and writing its diagnostics back.
//
//   node bench/trivialServer.mjs --stdio --diagnostics <file.json>
//
// <file.json>: { "<document uri>": Diagnostic[] }, read before the server answers initialize.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createConnection, DocumentDiagnosticReportKind, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const at = process.argv.indexOf('--diagnostics');
if (at === -1 || !process.argv[at + 1]) {
  process.stderr.write('trivialServer: --diagnostics <file.json> is required\n');
  process.exit(2);
}
const diagnostics = new Map(Object.entries(JSON.parse(readFileSync(process.argv[at + 1], 'utf8'))));

const connection = createConnection();
const documents = new TextDocuments(TextDocument);
let resultId = 0;

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    diagnosticProvider: { identifier: 'trivial', interFileDependencies: false, workspaceDiagnostics: false },
  },
  serverInfo: { name: 'trivial-bench-server' },
}));

connection.languages.diagnostics.on((params) => {
  const document = documents.get(params.textDocument.uri);
  return { kind: DocumentDiagnosticReportKind.Full, resultId: String(++resultId), items: document ? (diagnostics.get(document.uri) ?? []) : [] };
});

documents.listen(connection);
connection.listen();
