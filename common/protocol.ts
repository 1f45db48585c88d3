/**
 * What the extension client and the language server say to each other beyond standard LSP.
 * Declared once here and imported by both sides, so the two cannot drift apart.
 */

/** The configuration section the server reads (`postmortem.*` settings). */
export const configurationSection = 'postmortem';

/** `postmortem.folder` when the setting says nothing: where New Post-Mortem writes, whose Markdown files are post-mortems. */
export const defaultPostmortemFolder = 'postmortems';

/**
 * `postmortem.folder` as the client (where New Post-Mortem writes) and the server (which files
 * are post-mortems for being there) both read it: trimmed, with / between parts, no ./ or
 * trailing /, `a/../b` resolved; '' for the workspace folder itself; undefined when it leaves
 * the workspace folder (`root`, its path) or is not a path. An absolute path inside it is taken
 * relative to it.
 */
export function normalizeFolderSetting(setting: unknown, root?: string): string | undefined {
  let raw = (typeof setting === 'string' ? setting.trim() : defaultPostmortemFolder).replace(/\\/g, '/');
  if (/^(?:[a-z]:)?\//i.test(raw)) {
    const base = root?.replace(/\\/g, '/').replace(/\/+$/, '');
    const windows = /^[a-z]:/i.test(raw);
    const inside = base !== undefined && (windows ? raw.toLowerCase().startsWith(`${base.toLowerCase()}/`) || raw.toLowerCase() === base.toLowerCase() : raw.startsWith(`${base}/`) || raw === base);
    if (!inside) return undefined;
    raw = raw.slice(base.length);
  }
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** Severity a user can give a rule in `postmortem.rules`. */
import type { RuleLevel } from '../server/src/service/rules/rule';
import type { DateOrder } from '../server/src/service/values';
import type { PostmortemStatus } from '../server/src/service/status';
import type { GapSection, GapStep, Readiness } from '../server/src/service/service';

export type { RuleLevel };

/** How a numeric date whose day and month could be swapped (03/04/2026) is read: `postmortem.dateOrder`. */
/** `postmortem.dateOrder`: the service's date orders. */
export type DateOrderSetting = DateOrder;

/** The settings the server uses, as `workspace/configuration` returns them for `postmortem`. */
export interface PostmortemSettings {
  /** Per-rule severity override, keyed by rule id (`unfilled-placeholder`...). */
  rules?: Record<string, RuleLevel>;
  /** Glob patterns of Markdown files that are post-mortems whatever their structure. */
  files?: string[];
  /** Folder, relative to the workspace folder, where New Post-Mortem creates documents (its Markdown files are post-mortems). */
  folder?: string;
  /** How ambiguous numeric dates are read: `auto` (only unambiguous ones, a hint on the others), `dmy` or `mdy`. */
  dateOrder?: DateOrderSetting;
  /**
   * Path of a custom template's Markdown file, relative to the first workspace folder (or
   * absolute, in a trusted workspace only); its schema is `<name>.schema.yaml` beside it.
   * Empty or absent: the shipped template.
   */
  template?: string;
}

/** Sent by the client at start-up as `initializationOptions`. */
export interface InitializationOptions {
  /**
   * A client-side command that moves the cursor to `{ uri, line, character }`. When the client
   * offers one, code actions that insert text attach it so the cursor lands where the author
   * types next. Other editors leave it out and get plain edits.
   */
  cursorCommand?: string;
  /** Settings for clients that do not answer `workspace/configuration`. */
  settings?: PostmortemSettings;
  /**
   * Whether the user trusts the workspace (VS Code's `workspace.isTrusted`). Absent counts as
   * untrusted: a `postmortem.template` path must then lie inside a workspace folder.
   */
  trusted?: boolean;
  /**
   * The client shows the workspace index (the extension's views): the server tells it of every
   * change (`postmortem/indexChanged`). Other clients are not sent a notification they do not know.
   */
  workspaceIndexViews?: boolean;
}

/** Client to server, when the user grants the workspace trust after start-up. */
export const workspaceTrustedNotification = 'postmortem/workspaceTrusted';

export interface WorkspaceTrustedParams {
  trusted: boolean;
}

/** `postmortem/newDocument`: the text of a new post-mortem, made from the template. */
export const newDocumentRequest = 'postmortem/newDocument';

export interface NewDocumentParams {
  /** Title typed by the author. */
  title: string;
  /** Today's date as YYYY-MM-DD (the client's local date). */
  date: string;
  /**
   * Absolute file-system path of the folder the document goes in. The server reads the
   * post-mortems already there so the generated Incident ID is unique among them.
   * Absent for an untitled document.
   */
  folderPath?: string;
}

export interface NewDocumentResult {
  /** Full Markdown text of the new document. */
  text: string;
  /** Suggested file name, `YYYY-MM-DD-<slug>.md`. */
  fileName: string;
  /** The generated Incident ID. */
  incidentId: string;
  /** Position of the first unfilled field (0-based line, UTF-16 character). */
  cursor: { line: number; character: number };
  /** The first placeholder, to select whole so that typing replaces it. */
  selection?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Arguments of the cursor command (see `InitializationOptions.cursorCommand`). */
export interface CursorCommandArgs {
  uri: string;
  line: number;
  character: number;
}

/**
 * `postmortem/documentStatus`: whether a Markdown document is checked as a post-mortem, why,
 * and how much is left to fill in, for the status bar.
 */
export const documentStatusRequest = 'postmortem/documentStatus';

export interface DocumentStatusParams {
  uri: string;
}

/** See server/src/service/status.ts: the service says what the status bar shows. */
export type DocumentStatus = PostmortemStatus;

/**
 * `postmortem/checkAsPostmortem`: the edit that writes `postmortem: true` (or false) into the
 * document's front matter, making the front matter when there is none. The client applies it.
 */
export const checkAsPostmortemRequest = 'postmortem/checkAsPostmortem';

export interface CheckAsPostmortemParams {
  uri: string;
  /** true: check the file as a post-mortem; false: stop checking it. */
  check: boolean;
}

export interface CheckAsPostmortemResult {
  /** Edits for the document at `version`; absent when the document is not open in the server. */
  edits?: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
  version?: number;
}

/**
 * The server's command behind the metrics lens above the timeline: fills every unfilled metric
 * field with the value the timeline gives, through `workspace/applyEdit`. Executed on the server
 * (executeCommandProvider), so any LSP client runs it.
 */
export const fillMetricsCommand = 'postmortem.fillMetricsFromTimeline';

export interface FillMetricsArguments {
  uri: string;
}

/** Next/Previous Field: the gap after (or before) the selection, to select. */
export const gapStepRequest = 'postmortem/gapStep';

export interface GapStepParams {
  uri: string;
  selection: { start: { line: number; character: number }; end: { line: number; character: number } };
  direction: 'next' | 'previous';
}

/** Null when nothing is left to fill (or the file is not checked). */
export type GapStepResult = GapStep | null;

/** Tab in a table row: the next (or previous) cell's content, to select; null outside a table's rows. */
export const cellStepRequest = 'postmortem/cellStep';

export interface CellStepParams {
  uri: string;
  position: { line: number; character: number };
  direction: 'next' | 'previous';
}

/** The placeholder at a position (for a double-click to select whole), or null. */
export const placeholderAtRequest = 'postmortem/placeholderAt';

export interface PlaceholderAtParams {
  uri: string;
  position: { line: number; character: number };
}

/** What is left to fill, per top-level section: the status bar's list. */
export const gapSectionsRequest = 'postmortem/gapSections';

export interface GapSectionsParams {
  uri: string;
}

export type GapSectionsResult = GapSection[] | null;

/** Mark Ready for Review: whether nothing required is left, and the edit that moves the status. */
export const readinessRequest = 'postmortem/readiness';

export interface ReadinessParams {
  uri: string;
}

/** Null when the file is not checked or the template has no review statuses; `version`: the document's the edits are for. */
export type ReadinessResult = (Readiness & { version: number }) | null;

/**
 * The workspace index (server → client, and client → server): every post-mortem of the
 * workspace folders as a summary, for the Post-Mortems and Action Items views and the insights.
 * `postmortem/indexChanged` is sent when it changes (with its generation); the client asks
 * `postmortem/index` again.
 */
export const workspaceIndexRequest = 'postmortem/index';
export const workspaceIndexChangedNotification = 'postmortem/indexChanged';

export interface WorkspaceIndexResult {
  generation: number;
  /** Still being built: how far (files read of those found). */
  building?: { done: number; total: number };
  postmortems: { uri: string; summary: import('../server/src/service/workspace/summary').PostmortemSummary }[];
}
