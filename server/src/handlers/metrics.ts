/** The incident's numbers in the editor: inlay hints, the lens above the timeline, and its fill command. */
import { fillMetricsCommand, type FillMetricsArguments } from '../../../common/protocol';
import type { ServerContext } from '../context';
import { guarded } from '../guarded';

export function registerMetrics(context: ServerContext): void {
  const { connection } = context;
  const logError = context.logError.bind(context);

  // Another template or other settings give other numbers: clients that can ask again are told to.
  context.onReanalyse(() => {
    if (context.capabilities.inlayHintRefresh) void connection.languages.inlayHint.refresh();
    if (context.capabilities.codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh');
  });

  connection.languages.inlayHint.on(
    guarded('Inlay hints', logError, async (params) => {
      const read = await context.postmortem(params.textDocument.uri);
      return read ? context.service().inlayHints(read.analysis, params.range) : [];
    }),
  );

  connection.onCodeLens(
    guarded('Code lens', logError, async (params) => {
      const read = await context.postmortem(params.textDocument.uri);
      const lens = read && context.service().metricsLens(read.analysis);
      if (!lens) return [];
      const args: FillMetricsArguments = { uri: params.textDocument.uri };
      return [{ range: lens.range, command: { title: lens.title, command: fillMetricsCommand, arguments: [args] } }];
    }),
  );

  connection.onExecuteCommand(
    guarded('Fill metrics', logError, async (params) => {
      if (params.command !== fillMetricsCommand) return null;
      const [args] = (params.arguments ?? []) as [FillMetricsArguments | undefined];
      const read = args && typeof args.uri === 'string' ? await context.postmortem(args.uri) : undefined;
      if (!read) return null;
      const edits = context.service().fillMetrics(read.analysis);
      if (edits.length === 0) {
        void connection.window.showInformationMessage('Every metric field the timeline gives a value for is already filled in.');
        return null;
      }
      const result = await connection.workspace.applyEdit({
        label: 'Fill metrics from the timeline',
        edit: { documentChanges: [{ textDocument: { uri: read.document.uri, version: read.version }, edits }] },
      });
      if (!result.applied) context.log(`Fill metrics: the client did not apply the edit${result.failureReason ? `: ${result.failureReason}` : ''}`);
      return null;
    }),
  );
}
