/**
 * The template in use: `postmortem.template`'s when it names one that loads (see
 * templateManager.ts), the shipped one otherwise. A change of template reopens every document's
 * session on the new service and analyses them again.
 */
import { workspaceTrustedNotification, type WorkspaceTrustedParams } from '../../../common/protocol';
import { URI } from '../../../host/uri';
import type { ServerContext } from '../context';
import { reopen } from '../documents';
import { TemplateManager } from './templateManager';

export function registerTemplate(context: ServerContext, trusted: boolean): void {
  const { connection } = context;
  context.templates = new TemplateManager({
    connection,
    setting: async () => (await context.settings.window()).template,
    workspaceFolders: () => context.workspaceFolders.map((f) => URI.toPath(f)).filter((f): f is string => f !== undefined),
    trusted,
    readSchema: context.host.readSchema,
    fs: context.host.fs,
    onChange: () => {
      reopen(context.documents, context.service());
      context.reanalyse();
    },
    clientWatches: context.capabilities.watchedFiles,
    relativePatterns: context.capabilities.relativePatterns,
  });
  context.onWatchedFiles((changes) => context.templates?.filesChanged([...changes]));
  connection.onNotification(workspaceTrustedNotification, (params: WorkspaceTrustedParams) => context.templates?.setTrusted(params?.trusted === true));
}
