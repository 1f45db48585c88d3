/**
 * The workspace: its folders and settings as they change, and New Post-Mortem, which reads the
 * target folder's post-mortems for their Incident IDs.
 */
import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { newDocumentRequest, type NewDocumentParams, type NewDocumentResult } from '../../../common/protocol';
import type { HostFileSystem } from '../../../host/fileSystem';
import { markdownTextsIn } from '../../../host/folderTexts';
import type { ServerContext } from '../context';
import { guarded } from '../guarded';
import type { PostmortemService } from '../service/service';

export function registerWorkspace(context: ServerContext): void {
  const { connection } = context;

  connection.onDidChangeConfiguration((change) => {
    context.settings.clear();
    const raw = (change.settings as Record<string, unknown> | undefined)?.postmortem;
    if (raw !== undefined) context.settings.setGlobal(raw);
    context.reanalyse();
    void context.templates?.reload();
  });

  connection.onRequest(
    newDocumentRequest,
    guarded('New post-mortem', context.logError.bind(context), async (params: NewDocumentParams) => {
      await context.templates?.settled();
      return newDocument(context.service(), params, context.host.fs);
    }),
  );
}

/** After initialized, when the client tells of folder changes. */
export function watchWorkspaceFolders(context: ServerContext): void {
  context.connection.workspace.onDidChangeWorkspaceFolders((event) => {
    workspaceFoldersChanged(context, event).catch((error) => context.logError(`Workspace folders change failed: ${(error as Error)?.stack ?? error}`));
  });
}

/**
 * A folder was added to the workspace or removed from it. `postmortem.files` patterns and a
 * relative `postmortem.template` are read against the folders, the template against the first:
 * the client's list, in its order, when it answers; otherwise the event applied to ours.
 */
async function workspaceFoldersChanged(context: ServerContext, event: WorkspaceFoldersChangeEvent): Promise<void> {
  const removed = new Set(event.removed.map((f) => f.uri));
  const current = context.workspaceFolders;
  const applied = [...current.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri).filter((f) => !current.includes(f))];
  const listed = await context.connection.workspace.getWorkspaceFolders().catch(() => undefined);
  context.workspaceFolders = listed ? listed.map((f) => f.uri) : applied;
  context.log(`Workspace folders: ${context.workspaceFolders.join(', ') || 'none'}.`);
  context.reanalyse();
  void context.templates?.reload();
}

/** Serves `postmortem/newDocument`: the new post-mortem's text, with an Incident ID none in the folder has. */
export async function newDocument(service: PostmortemService, params: NewDocumentParams, fs?: HostFileSystem): Promise<NewDocumentResult> {
  if (typeof params?.title !== 'string' || params.title.trim() === '') throw new Error('A title is required.');
  if (typeof params.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(params.date)) throw new Error('The date must be YYYY-MM-DD.');
  const existingTexts = params.folderPath ? await markdownTextsIn(params.folderPath, fs) : [];
  return service.newDocument({ title: params.title, date: params.date, existingTexts });
}
