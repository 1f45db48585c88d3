/**
 * The check of one file, from its bytes to what is written of it (its findings formatted, and
 * their count for the summary: the diagnostics themselves are not kept), and the service it
 * runs on: the same code in the main thread and in each worker thread (see pool.ts), so a
 * file's outcome does not depend on where it was checked.
 */
import * as path from 'node:path';
import { serviceOfLoadedTemplate } from '../../host/templateConsistency';
import { loadTemplate } from '../../host/templateLoader';
import { defaultTemplateModel } from '../../host/defaultTemplate';
import { bundledSchemaReader } from '../../host/schemaReaderBundle';
import { postmortemFolderOf } from '../../host/postmortemFolder';
import { classify, maxDocumentLength, serviceFor, type DateOrder, type PostmortemService, type RuleLevel } from '../../server/src/service/service';
import { rules } from '../../server/src/service/rules';
import { checkedStatus, ruleLevel } from '../../server/src/service/diagnostics';
import type { Analysis } from '../../server/src/service/analysis';
import { incidentIdOf } from '../../server/src/service/workspace/summary';
import { URI } from '../../host/uri';
import { lengthOf, linesOfBytes } from './lines';
import { formatReport, levelOf, type Format } from './report';

/** What the check of every file needs of the options; plain data, sent to each worker. */
export interface CheckSettings {
  /** --template as given (undefined: the shipped template). */
  template?: string;
  levels: Record<string, RuleLevel>;
  /** --status: checked at this review status, whatever a file's front matter says. */
  status?: string;
  format: Format;
  all: boolean;
  quiet: boolean;
  dateOrder: DateOrder;
  /** --today (YYYY-MM-DD), or undefined for the local date. */
  today?: string;
  /** --folder, made absolute. */
  postmortemFolder: string;
}

/** What is written of one file and counted in the summary. */
export type FileOutcome =
  /** A post-mortem checked: its findings as formatReport wrote them ('' for none), and their count by level. */
  | { kind: 'checked'; output: string; errors: number; warnings: number; others: number; /** Its Incident ID, for the IDs several files share (check.ts). */ id?: string }
  /** A Markdown file that is no post-mortem (and --all was not given). */
  | { kind: 'not-postmortem' }
  /** A file whose front matter says postmortem: false. */
  | { kind: 'opted-out' }
  /** A file that could not be checked, and why (the check then exits with 2). */
  | { kind: 'problem'; message: string };

export class TemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** The service over the shipped template, or over --template; problems with the template are thrown as a TemplateError. */
export async function serviceOf(template: string | undefined): Promise<PostmortemService> {
  if (template === undefined) return serviceFor(defaultTemplateModel());
  const result = await loadTemplate(path.resolve(template), { workspaceFolders: [process.cwd()], trusted: true, readSchema: bundledSchemaReader });
  const checked = result.ok ? serviceOfLoadedTemplate(result) : result;
  if (checked.problems) throw new TemplateError(checked.problems.map((p) => p.message));
  return checked.service;
}

/** Checks files with one service and one set of options. */
export function fileChecker(service: PostmortemService, settings: CheckSettings): (file: string, bytes: Buffer) => FileOutcome {
  // The same detection as the editor's, with the post-mortem folder as the CLI knows it.
  const folderName = path.basename(settings.postmortemFolder);
  const folderParent = [URI.fromPath(path.dirname(settings.postmortemFolder))];
  // --quiet reports errors only, and a rule's findings all have its level (by the file's review
  // status): the rules below error are not run at all (the filter below then changes nothing,
  // and stays for clarity).
  const errorsOnly = (analysis: Analysis) => {
    const options = { levels: settings.levels, status: settings.status };
    const status = checkedStatus(analysis, options);
    return Object.fromEntries(rules.map((rule) => [rule.id, ruleLevel(rule, options, status) === 'error' ? 'error' : 'off'] as const));
  };
  return (file, bytes) => {
    // The service is given the text as lines decoded one by one (see lines.ts): what it keeps of
    // a file in its caches is then a line, not the whole file.
    const text = linesOfBytes(bytes);
    const length = bytes.length > maxDocumentLength ? lengthOf(text) : 0;
    if (length > maxDocumentLength) {
      return { kind: 'problem', message: `too large to check (${(length / 1e6).toFixed(1)} million characters; the limit is ${maxDocumentLength / 1e6} million)` };
    }
    // Editors do not count a byte order mark as a character: columns are as VS Code shows them.
    if (text.lines[0].charCodeAt(0) === 0xfeff) text.lines[0] = text.lines[0].slice(1);
    const analysis = service.analyze(text, { dateOrder: settings.dateOrder });
    const detection = classify(analysis, { folder: postmortemFolderOf(URI.fromPath(path.resolve(file)), folderName, folderParent) });
    if (detection.by === 'front-matter' && !detection.postmortem) return { kind: 'opted-out' };
    if (!settings.all && !detection.postmortem) return { kind: 'not-postmortem' };
    let diagnostics = service.diagnostics(analysis, { levels: settings.quiet ? errorsOnly(analysis) : settings.levels, status: settings.status, today: settings.today });
    if (settings.quiet) diagnostics = diagnostics.filter((d) => levelOf(d) === 'error');
    // The rules report in rule order; a reader goes down the file.
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    let errors = 0;
    let warnings = 0;
    for (const d of diagnostics) {
      const level = levelOf(d);
      if (level === 'error') errors++;
      else if (level === 'warning') warnings++;
    }
    // The incident's numbers, for a team to chart: only JSON has room for them, and --quiet
    // asks for errors alone.
    const metrics = settings.format === 'json' && !settings.quiet ? service.metrics(analysis) : undefined;
    return { kind: 'checked', output: formatReport({ file, diagnostics, metrics }, settings.format), errors, warnings, others: diagnostics.length - errors - warnings, id: incidentIdOf(analysis)?.id };
  };
}

/**
 * The duplicate-incident-id findings of one file, whose ID other checked files have: the rule
 * run alone, with what the other files' IDs are (each file is checked on its own, by a worker;
 * the IDs are known only once all are).
 */
export function duplicateIdOutcome(service: PostmortemService, settings: CheckSettings, file: string, bytes: Buffer, others: readonly string[], ids: ReadonlySet<string>): FileOutcome {
  const text = linesOfBytes(bytes);
  if (text.lines[0].charCodeAt(0) === 0xfeff) text.lines[0] = text.lines[0].slice(1);
  const analysis = service.analyze(text, { dateOrder: settings.dateOrder });
  const levels = Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'duplicate-incident-id' ? settings.levels[rule.id] : 'off'] as const)) as Record<string, RuleLevel>;
  let diagnostics = service.diagnostics(analysis, { levels, status: settings.status, today: settings.today, workspace: { filesWithId: () => others, ids: () => ids } });
  if (settings.quiet) diagnostics = diagnostics.filter((d) => levelOf(d) === 'error');
  const errors = diagnostics.filter((d) => levelOf(d) === 'error').length;
  const warnings = diagnostics.filter((d) => levelOf(d) === 'warning').length;
  return { kind: 'checked', output: formatReport({ file, diagnostics }, settings.format), errors, warnings, others: diagnostics.length - errors - warnings };
}
