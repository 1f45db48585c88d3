/**
 * The status bar item on Markdown files: whether the file is checked as a post-mortem and why
 * (the detection rule that decided, in its tooltip), how much is left to fill in; and the
 * commands that turn the checks on or off for one file by its front matter.
 */
import * as vscode from 'vscode';
import {
  checkAsPostmortemRequest,
  documentStatusRequest,
  gapSectionsRequest,
  type GapSectionsParams,
  type GapSectionsResult,
  type CheckAsPostmortemParams,
  type CheckAsPostmortemResult,
  type DocumentStatus,
  type DocumentStatusParams,
} from '../../common/protocol';
import type { ServerController } from './serverController';
import { markReadyCommand, nextFieldCommand, showWhatIsLeftCommand } from './commands/fillIn';
import { rememberStatus } from './preview/preview';

/** Context key: the active editor's file is checked as a post-mortem (the keybindings of Next Field and Tab). */
const isPostmortemKey = 'postmortem.isPostmortem';

export const checkAsPostmortemCommand = 'postmortem.checkAsPostmortem';
export const stopCheckingCommand = 'postmortem.stopChecking';
/** What a click on the item does: offers the file's commands (internal, not in the palette). */
export const statusCommand = 'postmortem.internal.status';

/** After a keystroke, how long the item waits for the next one before it asks again. */
const typingDelayMs = 300;

export function registerStatusBar(controller: ServerController, output: vscode.LogOutputChannel): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('postmortem.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Post-Mortem';
  item.command = statusCommand;
  let shown: { uri: string; status: DocumentStatus } | undefined;
  /** Answers to older requests are dropped: only the latest one is shown. */
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const markdownEditor = () => {
    const editor = vscode.window.activeTextEditor;
    return editor && editor.document.languageId === 'markdown' ? editor : undefined;
  };

  let checkedKey: boolean | undefined;
  const setChecked = (checked: boolean) => {
    if (checked === checkedKey) return;
    checkedKey = checked;
    void vscode.commands.executeCommand('setContext', isPostmortemKey, checked);
  };
  const refresh = async () => {
    const editor = markdownEditor();
    const current = ++generation;
    if (!editor) {
      shown = undefined;
      setChecked(false);
      item.hide();
      return;
    }
    const uri = editor.document.uri.toString();
    try {
      const client = await controller.runningClient();
      const params: DocumentStatusParams = { uri };
      const status = await client.sendRequest<DocumentStatus | null>(documentStatusRequest, params);
      rememberStatus(uri, status);
      if (current !== generation) return;
      if (!status) {
        setChecked(false);
        item.hide();
        return;
      }
      setChecked(status.checked && !status.tooLarge);
      shown = { uri, status };
      render(item, status);
      item.show();
    } catch (error) {
      if (current !== generation) return;
      // No server: nothing is checked, so the item says nothing rather than something wrong.
      output.debug(`Status of ${uri}: ${(error as Error)?.message ?? error}`);
      setChecked(false);
      item.hide();
    }
  };
  const refreshSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), typingDelayMs);
  };

  const setFlag = async (check: boolean) => {
    const editor = markdownEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('Open a Markdown file to check it as a post-mortem.');
      return;
    }
    const document = editor.document;
    try {
      const client = await controller.runningClient();
      const params: CheckAsPostmortemParams = { uri: document.uri.toString(), check };
      const result = await client.sendRequest<CheckAsPostmortemResult>(checkAsPostmortemRequest, params);
      if (!result.edits) throw new Error('the language server does not have this file open; try again');
      if (result.version !== document.version) throw new Error('the file changed meanwhile; try again');
      const edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) {
        edit.replace(document.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      }
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the edit was not applied');
      await refresh();
    } catch (error) {
      const message = `Could not ${check ? 'check this file as a post-mortem' : 'stop checking this file'}: ${(error as Error)?.message ?? error}`;
      output.error(message);
      void vscode.window.showErrorMessage(message);
    }
  };

  /**
   * The item's list: what is left to fill per section (choosing one selects its first gap), then
   * the file's commands. `sectionsOnly`: just the sections (Mark Ready for Review's "Show What Is Left").
   */
  const showStatusList = async (sectionsOnly: boolean) => {
    const editor = markdownEditor();
    const status = shown?.uri === editor?.document.uri.toString() ? shown?.status : undefined;
    if (!editor || !status || status.tooLarge) return;
    type Choice = vscode.QuickPickItem & { run?: () => Thenable<unknown> | void };
    const choices: Choice[] = [];
    if (status.checked) {
      const params: GapSectionsParams = { uri: editor.document.uri.toString() };
      let sections: GapSectionsResult = null;
      try {
        sections = await (await controller.runningClient()).sendRequest<GapSectionsResult>(gapSectionsRequest, params);
      } catch (error) {
        output.debug(`What is left in ${params.uri}: ${(error as Error)?.message ?? error}`);
      }
      if (sections?.length) {
        choices.push({ label: `${status.toFill} to fill in`, kind: vscode.QuickPickItemKind.Separator });
        for (const section of sections) {
          choices.push({
            label: `$(edit) ${section.title}`,
            description: `${section.count} to fill`,
            run: () => {
              const range = new vscode.Range(section.first.start.line, section.first.start.character, section.first.end.line, section.first.end.character);
              editor.selection = new vscode.Selection(range.start, range.end);
              editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
              return vscode.window.showTextDocument(editor.document, editor.viewColumn);
            },
          });
        }
      }
      if (!sectionsOnly) {
        choices.push({ label: 'Post-mortem', kind: vscode.QuickPickItemKind.Separator });
        if (status.toFill > 0) choices.push({ label: '$(arrow-right) Next field', description: 'Alt+]', run: () => vscode.commands.executeCommand(nextFieldCommand) });
        if (status.reviewStatus !== undefined || status.toFill === 0) choices.push({ label: '$(pass) Mark ready for review', run: () => vscode.commands.executeCommand(markReadyCommand) });
        choices.push({ label: '$(list-flat) Show the problems', run: () => vscode.commands.executeCommand('workbench.actions.view.problems') });
        choices.push({ label: '$(circle-slash) Stop checking this file', description: `writes ${status.frontMatterKey ?? 'postmortem'}: false into its front matter`, run: () => setFlag(false) });
      }
    } else {
      choices.push({ label: '$(check) Check this file as a post-mortem', description: `writes ${status.frontMatterKey ?? 'postmortem'}: true into its front matter`, run: () => setFlag(true) });
    }
    // Why the file is checked (or not), in its first sentence, under the first action: under a
    // section it would read as something about that section. (A row shows one line; the tooltip has it all.)
    const firstAction = choices.find((c) => c.kind !== vscode.QuickPickItemKind.Separator && !c.label.startsWith('$(edit)'));
    if (firstAction && !sectionsOnly) firstAction.detail = /^.*?[.!?](?=\s|$)/.exec(status.reason)?.[0] ?? status.reason;
    const title = !status.checked ? 'Not a post-mortem' : status.toFill === 0 ? 'Post-mortem: nothing left to fill' : `Post-mortem${status.reviewStatus ? ` (${status.reviewStatus})` : ''}: what is left`;
    const choice = await vscode.window.showQuickPick(choices, { title, placeHolder: status.checked && status.toFill > 0 ? 'Choose a section to go to its first gap, or an action' : 'Choose an action' });
    await choice?.run?.();
  };

  const disposable = vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) refreshSoon();
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) refreshSoon();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('postmortem')) refreshSoon();
    }),
    controller.onDidStart(() => void refresh()),
    vscode.commands.registerCommand(checkAsPostmortemCommand, () => setFlag(true)),
    vscode.commands.registerCommand(stopCheckingCommand, () => setFlag(false)),
    vscode.commands.registerCommand(statusCommand, () => showStatusList(false)),
    vscode.commands.registerCommand(showWhatIsLeftCommand, () => showStatusList(true)),
    { dispose: () => timer && clearTimeout(timer) },
  );
  void refresh();
  return disposable;
}

/** The item's text and tooltip for a status. */
export function render(item: Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'backgroundColor' | 'accessibilityInformation'>, status: DocumentStatus): void {
  const tooltip = new vscode.MarkdownString(undefined, true);
  if (status.tooLarge) {
    item.text = '$(warning) Post-mortem: too large';
    tooltip.appendMarkdown(`**Not checked.** ${escape(status.reason)}`);
  } else if (status.checked) {
    const left = status.toFill === 0 ? 'complete' : `${status.toFill} to fill`;
    const errors = status.errors ? ` · ${status.errors} error${status.errors === 1 ? '' : 's'}` : '';
    const review = status.reviewStatus ? ` · ${status.reviewStatus}` : '';
    item.text = `$(check) Post-mortem${review} · ${left}${errors}`;
    tooltip.appendMarkdown(`**Checked as a post-mortem.** ${escape(status.reason)}\n\n`);
    if (status.reviewStatus) tooltip.appendMarkdown(`Review status: **${escape(status.reviewStatus)}** (front matter).\n\n`);
    tooltip.appendMarkdown(`${status.toFill} to fill in, ${status.errors} error${status.errors === 1 ? '' : 's'}, ${status.warnings} warning${status.warnings === 1 ? '' : 's'}. Click for what is left in each section, Next Field and Mark Ready for Review.`);
  } else {
    item.text = '$(circle-slash) Not a post-mortem';
    tooltip.appendMarkdown(`**Not checked as a post-mortem.** ${escape(status.reason)}\n\nClick to check this file as a post-mortem.`);
  }
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: item.text.replace(/\$\([\w-]+\)\s*/g, '').replace(/·/g, ',') };
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|]/g, '\\$&');
}
