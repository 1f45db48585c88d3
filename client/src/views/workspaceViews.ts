/**
 * The Post-Mortems and Action Items views (the Post-Mortems container in the activity bar), fed by
 * the server's workspace index (`postmortem/index`, asked again on `postmortem/indexChanged`):
 * - Post-Mortems: by review status, newest first; each row shows the ID and title, the severity,
 *   what is left to fill or the duration; a click opens the file.
 * - Action Items: the open items of every post-mortem, grouped by owner, by due date (overdue
 *   first) or by post-mortem; a row opens the item; a checkbox item can be marked done from the
 *   view (an edit that ticks the box, which undo takes back); the badge counts the overdue ones.
 */
import * as vscode from 'vscode';
import { workspaceIndexChangedNotification, workspaceIndexRequest, type WorkspaceIndexResult } from '../../../common/protocol';
import { daysOverdue } from '../../../server/src/service/workspace/overdue';
import type { ActionItemSummary, PostmortemSummary } from '../../../server/src/service/workspace/summary';
import type { ServerController } from '../serverController';

export const markDoneCommand = 'postmortem.actionItems.markDone';
export const groupByOwnerCommand = 'postmortem.actionItems.groupByOwner';
export const groupByDueCommand = 'postmortem.actionItems.groupByDue';
export const groupByPostmortemCommand = 'postmortem.actionItems.groupByPostmortem';
export const refreshViewsCommand = 'postmortem.views.refresh';
export const postmortemsViewId = 'postmortem.postmortems';
export const actionItemsViewId = 'postmortem.actionItems';

type Grouping = 'owner' | 'due' | 'postmortem';
const groupingKey = 'postmortem.actionItems.grouping';

interface Postmortem {
  uri: vscode.Uri;
  summary: PostmortemSummary;
}

interface OpenItem {
  postmortem: Postmortem;
  item: ActionItemSummary;
  /** Days past its due date, for an item its author marks open. */
  late?: number;
}

type PostmortemNode = { kind: 'status'; status: string; postmortems: Postmortem[] } | { kind: 'postmortem'; postmortem: Postmortem };
type ItemNode = { kind: 'group'; label: string; items: OpenItem[]; overdue: number } | { kind: 'item'; item: OpenItem };

/** Today as days since 1970, in local time (as the server counts it). */
function today(): number {
  const now = new Date();
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000;
}

const dayOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86400000;

const statusOrder = ['draft', 'in-review', 'final'];
const statusLabel = (status: string) => (status === '' ? 'No review status' : status.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase()));

/** The workspace index as the client holds it: asked when a view first shows, and again when the server says it changed. */
class IndexModel implements vscode.Disposable {
  postmortems: Postmortem[] = [];
  building: { done: number; total: number } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listening: vscode.Disposable | undefined;
  private asked = 0;

  private readonly started: vscode.Disposable;

  constructor(private readonly controller: ServerController, private readonly output: vscode.LogOutputChannel) {
    // A restarted server is another connection: listen to it, and ask it.
    this.started = controller.onDidStart(() => {
      this.listening?.dispose();
      this.listening = undefined;
      this.refresh();
    });
  }

  /** Asks for the index (again), after a short wait that gathers a burst of changes. */
  refresh(delay = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), delay);
  }

  private async load(): Promise<void> {
    const asked = ++this.asked;
    try {
      const client = await this.controller.runningClient();
      this.listening ??= client.onNotification(workspaceIndexChangedNotification, () => this.refresh());
      const result = await client.sendRequest<WorkspaceIndexResult>(workspaceIndexRequest, {});
      if (asked !== this.asked) return;
      this.postmortems = result.postmortems.map((p) => ({ uri: vscode.Uri.parse(p.uri), summary: p.summary }));
      this.building = result.building;
      this.changed.fire();
      // Still being built: ask again shortly, for the views to fill in as it goes.
      if (result.building) this.refresh(1000);
    } catch (error) {
      this.output.warn(`The post-mortem index could not be read: ${(error as Error)?.message ?? error}`);
    }
  }

  openItems(): OpenItem[] {
    const now = today();
    const items: OpenItem[] = [];
    for (const postmortem of this.postmortems) {
      for (const item of postmortem.summary.actionItems) {
        if (item.state === 'done') continue;
        const late = daysOverdue(item, now);
        items.push({ postmortem, item, late });
      }
    }
    return items;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.started.dispose();
    this.listening?.dispose();
    this.changed.dispose();
  }
}

class PostmortemsProvider implements vscode.TreeDataProvider<PostmortemNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: IndexModel) {
    model.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: PostmortemNode): PostmortemNode[] {
    if (!node) {
      const byStatus = new Map<string, Postmortem[]>();
      for (const p of this.model.postmortems) byStatus.set(p.summary.status ?? '', [...(byStatus.get(p.summary.status ?? '') ?? []), p]);
      const rank = (s: string) => (statusOrder.includes(s) ? statusOrder.indexOf(s) : s === '' ? statusOrder.length + 1 : statusOrder.length);
      return [...byStatus].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0])).map(([status, postmortems]) => ({ kind: 'status', status, postmortems }));
    }
    if (node.kind === 'status') return node.postmortems.map((postmortem) => ({ kind: 'postmortem', postmortem }));
    return [];
  }

  getTreeItem(node: PostmortemNode): vscode.TreeItem {
    if (node.kind === 'status') {
      const item = new vscode.TreeItem(statusLabel(node.status), vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.postmortems.length);
      item.contextValue = 'postmortemStatus';
      return item;
    }
    const { summary, uri } = node.postmortem;
    const item = new vscode.TreeItem(summary.id ? `${summary.id} ${summary.title}` : summary.title, vscode.TreeItemCollapsibleState.None);
    const severity = summary.fields.Severity;
    const duration = summary.metrics.Duration;
    const left = summary.unfilled > 0 ? `${summary.unfilled} to fill` : duration !== undefined ? formatSeconds(duration) : undefined;
    item.description = [severity, left].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      [
        `**${summary.id ?? ''} ${summary.title}**`,
        '',
        `${summary.date ?? 'No date'} · ${severity ?? 'no severity'} · ${summary.status ?? 'no review status'}`,
        '',
        summary.unfilled > 0 ? `${summary.unfilled} placeholders left to fill` : 'Nothing left to fill',
        ...Object.entries(summary.metrics).map(([name, seconds]) => `- ${name}: ${formatSeconds(seconds)}`),
        '',
        `${summary.actionItems.filter((i) => i.state !== 'done').length} open action items`,
      ].join('\n'),
    );
    item.resourceUri = uri;
    item.iconPath = new vscode.ThemeIcon(summary.unfilled > 0 ? 'edit' : 'notebook');
    item.contextValue = 'postmortem';
    item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, { preview: true }] };
    return item;
  }
}

class ActionItemsProvider implements vscode.TreeDataProvider<ItemNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: IndexModel, private readonly state: vscode.Memento) {
    model.onDidChange(() => this.changed.fire());
  }

  get grouping(): Grouping {
    return this.state.get<Grouping>(groupingKey) ?? 'due';
  }

  async setGrouping(grouping: Grouping): Promise<void> {
    await this.state.update(groupingKey, grouping);
    this.changed.fire();
  }

  getChildren(node?: ItemNode): ItemNode[] {
    if (node) return node.kind === 'group' ? node.items.map((item) => ({ kind: 'item', item })) : [];
    const items = this.model.openItems();
    const groups = new Map<string, OpenItem[]>();
    const keyOf = (i: OpenItem): string => {
      if (this.grouping === 'owner') return i.item.owner ?? 'No owner';
      if (this.grouping === 'postmortem') return i.postmortem.summary.id ? `${i.postmortem.summary.id} ${i.postmortem.summary.title}` : i.postmortem.summary.title;
      return i.late !== undefined ? 'Overdue' : i.item.due ? (dayOf(i.item.due) - today() <= 7 ? 'Due this week' : 'Later') : 'No due date';
    };
    for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
    const byDue = (a: OpenItem, b: OpenItem) => (b.late ?? -1) - (a.late ?? -1) || (a.item.due ?? '9999').localeCompare(b.item.due ?? '9999') || a.item.text.localeCompare(b.item.text);
    const order = this.grouping === 'due' ? ['Overdue', 'Due this week', 'Later', 'No due date'] : undefined;
    return [...groups]
      .sort((a, b) => (order ? order.indexOf(a[0]) - order.indexOf(b[0]) : (a[0] === 'No owner' ? 1 : 0) - (b[0] === 'No owner' ? 1 : 0) || a[0].localeCompare(b[0])))
      .map(([label, list]) => ({ kind: 'group', label, items: list.sort(byDue), overdue: list.filter((i) => i.late !== undefined).length }));
  }

  getTreeItem(node: ItemNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.overdue > 0 && node.label !== 'Overdue' ? `${node.items.length}, ${node.overdue} overdue` : String(node.items.length);
      item.contextValue = 'actionItemGroup';
      return item;
    }
    const { item: summary, postmortem, late } = node.item;
    const item = new vscode.TreeItem(summary.text.replace(/\*\*|__|`/g, ''), vscode.TreeItemCollapsibleState.None);
    const due = summary.due ? (late !== undefined ? `overdue ${late}d (${summary.due})` : `due ${summary.due}`) : undefined;
    item.description = [this.grouping === 'owner' ? undefined : summary.owner, due, this.grouping === 'postmortem' ? undefined : postmortem.summary.id].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      [`**${summary.text}**`, '', `Owner: ${summary.owner ?? '—'} · Due: ${summary.due ?? '—'}${summary.ticket ? ` · Ticket: ${summary.ticket}` : ''}`, '', `${postmortem.summary.id ?? ''} ${postmortem.summary.title}`].join('\n'),
    );
    item.iconPath = new vscode.ThemeIcon(late !== undefined ? 'warning' : 'circle-large-outline', late !== undefined ? new vscode.ThemeColor('list.warningForeground') : undefined);
    // Only an item with a box to tick can be marked done here.
    item.contextValue = summary.checkbox ? 'actionItem.checkbox' : 'actionItem';
    const position = new vscode.Position(summary.line, 0);
    item.command = { title: 'Open', command: 'vscode.open', arguments: [postmortem.uri, { selection: new vscode.Range(position, position), preview: true }] };
    return item;
  }
}

function formatSeconds(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return [d ? `${d}d` : '', h ? `${h}h` : '', m || (!d && !h) ? `${m}m` : ''].filter(Boolean).join(' ');
}

/**
 * Ticks an open item's box: `- [ ]` becomes `- [x]` on its line, checked against the text the
 * view was made from (a line that moved or changed is not touched). An edit in the document's
 * undo stack; a document with no other unsaved change is saved.
 */
export async function markItemDone(uri: vscode.Uri, item: ActionItemSummary): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const wasDirty = document.isDirty;
  const at = findItemLine(document, item);
  if (at === undefined) {
    void vscode.window.showWarningMessage(`The action item "${item.text}" is no longer where it was in ${vscode.workspace.asRelativePath(uri)}; open it to tick it.`);
    return false;
  }
  const line = document.lineAt(at).text;
  const box = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[ \]/.exec(line);
  if (!box) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(at, box[1].length, at, box[1].length + 3), '[x]', { label: 'Mark action item done', needsConfirmation: false });
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  if (!wasDirty) await document.save();
  return true;
}

/** The item's line: where the index saw it, or the one line nearby that still says it. */
function findItemLine(document: vscode.TextDocument, item: ActionItemSummary): number | undefined {
  const says = (k: number) => k >= 0 && k < document.lineCount && /\[ \]/.test(document.lineAt(k).text) && document.lineAt(k).text.includes(item.text);
  if (says(item.line)) return item.line;
  const near: number[] = [];
  for (let k = Math.max(0, item.line - 20); k < Math.min(document.lineCount, item.line + 20); k++) if (says(k)) near.push(k);
  return near.length === 1 ? near[0] : undefined;
}

export function registerWorkspaceViews(context: vscode.ExtensionContext, controller: ServerController, output: vscode.LogOutputChannel): vscode.Disposable {
  const model = new IndexModel(controller, output);
  const postmortems = new PostmortemsProvider(model);
  const actionItems = new ActionItemsProvider(model, context.workspaceState);
  const postmortemsView = vscode.window.createTreeView(postmortemsViewId, { treeDataProvider: postmortems, showCollapseAll: true });
  const actionItemsView = vscode.window.createTreeView(actionItemsViewId, { treeDataProvider: actionItems, showCollapseAll: true });
  const update = () => {
    const overdue = model.openItems().filter((i) => i.late !== undefined).length;
    actionItemsView.badge = overdue > 0 ? { value: overdue, tooltip: `${overdue} overdue action item${overdue === 1 ? '' : 's'}` } : undefined;
    const building = model.building ? ` (indexing: ${model.building.done} of ${model.building.total} files)` : '';
    postmortemsView.message = model.postmortems.length === 0 ? `No post-mortems in this workspace yet${building}. Create one with Post-Mortem: New Post-Mortem.` : building ? `Indexing: ${model.building!.done} of ${model.building!.total} files` : undefined;
    actionItemsView.message = model.postmortems.length > 0 && model.openItems().length === 0 ? 'No open action items.' : undefined;
  };
  model.onDidChange(update);
  const setGrouping = (grouping: Grouping) => void actionItems.setGrouping(grouping).then(() => vscode.commands.executeCommand('setContext', groupingKey, grouping));
  void vscode.commands.executeCommand('setContext', groupingKey, actionItems.grouping);
  // The index is read when a view is first shown (activation is on a Markdown file, or a view).
  const visible = () => {
    if (postmortemsView.visible || actionItemsView.visible) model.refresh(0);
  };
  visible();
  return vscode.Disposable.from(
    model,
    postmortemsView,
    actionItemsView,
    postmortemsView.onDidChangeVisibility(visible),
    actionItemsView.onDidChangeVisibility(visible),
    vscode.commands.registerCommand(groupByOwnerCommand, () => setGrouping('owner')),
    vscode.commands.registerCommand(groupByDueCommand, () => setGrouping('due')),
    vscode.commands.registerCommand(groupByPostmortemCommand, () => setGrouping('postmortem')),
    vscode.commands.registerCommand(refreshViewsCommand, () => model.refresh(0)),
    vscode.commands.registerCommand(markDoneCommand, async (node?: ItemNode) => {
      if (node?.kind !== 'item') return false;
      const done = await markItemDone(node.item.postmortem.uri, node.item.item);
      if (done) model.refresh();
      return done;
    }),
  );
}
