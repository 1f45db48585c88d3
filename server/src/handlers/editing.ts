/** What helps while writing: completion, hover, code actions, and turning the checks on or off in the front matter. */
import { checkAsPostmortemRequest, type CheckAsPostmortemParams, type CheckAsPostmortemResult } from '../../../common/protocol';
import type { ServerContext } from '../context';
import { guarded } from '../guarded';

export function registerEditing(context: ServerContext): void {
  const { connection, documents } = context;
  const logError = context.logError.bind(context);

  connection.onCompletion(
    guarded('Completion', logError, async (params) => {
      const read = await context.postmortem(params.textDocument.uri);
      // Owners named anywhere in the workspace's post-mortems, for an action item's owner.
      return read ? context.service().completions(read.analysis, params.position, undefined, params.context?.triggerCharacter, { owners: context.index?.owners() }) : null;
    }),
  );

  connection.onHover(
    guarded('Hover', logError, async (params) => {
      const read = await context.postmortem(params.textDocument.uri);
      return read ? context.service().hover(read.analysis, params.position) : null;
    }),
  );

  connection.onCodeAction(
    guarded('Code actions', logError, async (params) => {
      const read = await context.postmortem(params.textDocument.uri);
      if (!read) return [];
      return context.service().codeActions({
        analysis: read.analysis,
        uri: read.document.uri,
        version: read.document.version,
        range: params.range,
        diagnostics: params.context.diagnostics,
        only: params.context.only,
        cursorCommand: context.capabilities.cursorCommand,
      });
    }),
  );

  connection.onRequest(
    checkAsPostmortemRequest,
    guarded('Check as post-mortem', logError, async (params: CheckAsPostmortemParams): Promise<CheckAsPostmortemResult> => {
      const document = documents.get(params.uri);
      if (!document) return {};
      const { analysis } = await context.read(document);
      return { edits: context.service().frontMatterFlagEdits(analysis, params.check !== false), version: document.version };
    }),
  );
}
