/**
 * The rule pages, rendered: a diagnostic's rule link (the server gives the page's file) opens the
 * page in the Markdown preview instead of its source, through this extension's URI handler
 * (`<scheme>://postmortem-authoring.postmortem-authoring/rule?id=<rule>`), which the Problems
 * panel and the hover open like any link. **Post-Mortem: Show Rule Documentation** lists the pages.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export const showRuleDocsCommand = 'postmortem.showRuleDocs';
const ruleId = /^[a-z][a-z0-9-]*$/;

/** The link a diagnostic's rule code gets: its page, rendered. */
export function renderedRuleLink(context: vscode.ExtensionContext, target: vscode.Uri): vscode.Uri {
  const docs = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules')));
  if (target.scheme !== 'file' || path.dirname(target.fsPath) !== docs.fsPath) return target;
  const id = path.basename(target.fsPath, '.md');
  if (!ruleId.test(id)) return target;
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: context.extension.id, path: '/rule', query: `id=${id}` });
}

export function registerRuleDocs(context: vscode.ExtensionContext): vscode.Disposable {
  const page = (id: string) => vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`)));
  const show = (id: string) => vscode.commands.executeCommand('markdown.showPreview', page(id));
  return vscode.Disposable.from(
    vscode.window.registerUriHandler({
      handleUri(uri) {
        const id = new URLSearchParams(uri.query).get('id') ?? '';
        if (uri.path === '/rule' && ruleId.test(id)) void show(id);
      },
    }),
    vscode.commands.registerCommand(showRuleDocsCommand, async (id?: unknown) => {
      if (typeof id === 'string' && ruleId.test(id)) return show(id);
      const names = (await vscode.workspace.fs.readDirectory(vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules')))))
        .map(([name]) => name)
        .filter((name) => name.endsWith('.md') && name !== 'README.md')
        .map((name) => name.slice(0, -3))
        .sort();
      const picked = await vscode.window.showQuickPick(['README', ...names].map((label) => ({ label: label === 'README' ? 'All rules' : label, id: label })), { title: 'Post-mortem rules', placeHolder: 'Choose a rule to read its page' });
      if (picked) return show(picked.id);
      return undefined;
    }),
  );
}
