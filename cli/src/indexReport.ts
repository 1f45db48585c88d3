/**
 * `postmortem-check report <folder>...`: the workspace index (host/workspaceIndex.ts) of the
 * folders as a report for a team's wiki, a CI artifact or a spreadsheet: a table of the
 * post-mortems (newest first) and one of the open action items (overdue first), and the
 * Incident IDs that several post-mortems share; as Markdown, JSON or CSV.
 */
import * as path from 'node:path';
import { defaultPostmortemFolder, postmortemFolderOf } from '../../host/postmortemFolder';
import { URI } from '../../host/uri';
import { WorkspaceIndex, type IndexEntry } from '../../host/workspaceIndex';
import { todayOf } from '../../server/src/service/diagnostics';
import { classify, type DateOrder } from '../../server/src/service/service';
import { dayText } from '../../server/src/service/values/date';
import { formatDuration } from '../../server/src/service/values/duration';
import { daysOverdue } from '../../server/src/service/workspace/overdue';
import type { ActionItemSummary } from '../../server/src/service/workspace/summary';
import { serviceOf, TemplateError } from './checkFile';
import { dateOrderOption, parseCommandLine, todayOption, UsageError } from './options';

export const reportUsage = `Usage: postmortem-check report [options] <folder>...

Writes the post-mortems under the folders as one report: a table of the post-mortems (ID,
title, date, severity, status, what is left to fill, duration, open action items), one of the
open action items (overdue first, with owner, due date and ticket), and the Incident IDs that
several post-mortems share.

Options:
  --format <format>      markdown (the default), json, or csv
  --table <table>        with csv: postmortems (the default) or items (the open action items)
  --today <YYYY-MM-DD>   count overdue items as on this day (the default is today)
  --template <file.md>   your team's template, with its schema <name>.schema.yaml beside it
  --date-order <order>   how 03/04/2026 is read: auto, dmy or mdy
  --folder <path>        the post-mortem folder, whose Markdown files are all post-mortems
  -h, --help             show this help

Exit status: 0 when the report is written, 2 when it could not be (a bad option, a template
that cannot be read).
`;

type ReportFormat = 'markdown' | 'json' | 'csv';

interface ReportOptions {
  format: ReportFormat;
  table: 'postmortems' | 'items';
  today: number;
  template?: string;
  dateOrder: DateOrder;
  folder: string;
  paths: string[];
}

function readReportOptions(argv: readonly string[]): ReportOptions | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    format: { type: 'string' },
    table: { type: 'string' },
    today: { type: 'string' },
    template: { type: 'string' },
    'date-order': { type: 'string' },
    folder: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const format = (values.format ?? 'markdown') as ReportFormat;
  if (!['markdown', 'json', 'csv'].includes(format)) throw new UsageError(`--format ${values.format}: must be markdown, json or csv`);
  const table = (values.table ?? 'postmortems') as ReportOptions['table'];
  if (!['postmortems', 'items'].includes(table)) throw new UsageError(`--table ${values.table}: must be postmortems or items`);
  const today = todayOption(values.today);
  const dateOrder = dateOrderOption(values['date-order']);
  if (positionals.length === 0) throw new UsageError('no folder to report on');
  return { format, table, today: todayOf(today), template: values.template, dateOrder, folder: values.folder ?? defaultPostmortemFolder, paths: positionals };
}

interface OpenItem extends ActionItemSummary {
  entry: IndexEntry;
  /** Days past its due date, when it is overdue. */
  late?: number;
}

export async function runReport(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let options: ReportOptions | 'help';
  try {
    options = readReportOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`postmortem-check report: ${error.message}\nRun postmortem-check report --help for the options.\n`);
    return 2;
  }
  if (options === 'help') {
    out(reportUsage);
    return 0;
  }
  let service;
  try {
    service = await serviceOf(options.template);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    err(`postmortem-check: cannot use the template ${options.template}:\n${error.problems.map((p) => `  ${p}\n`).join('')}`);
    return 2;
  }
  const folder = path.resolve(options.folder);
  const folderName = path.basename(folder);
  const folderParent = [URI.fromPath(path.dirname(folder))];
  const index = new WorkspaceIndex({
    service: () => service,
    dateOrder: () => (options as ReportOptions).dateOrder,
    // The same detection as the check's: the file's own text, or its place in the post-mortem folder.
    isPostmortem: (file, analysis) => classify(analysis, { folder: postmortemFolderOf(URI.fromPath(path.resolve(file)), folderName, folderParent) }).postmortem,
  });
  await index.build(options.paths);
  const cwd = process.cwd();
  const relative = (file: string) => path.relative(cwd, file).split(path.sep).join('/') || file;
  const entries = index.all();
  const open: OpenItem[] = [];
  for (const entry of entries) {
    for (const item of entry.summary.actionItems) {
      if (item.state === 'done') continue;
      open.push({ ...item, entry, late: daysOverdue(item, options.today) });
    }
  }
  open.sort((a, b) => (b.late ?? -1) - (a.late ?? -1) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.entry.path.localeCompare(b.entry.path) || a.line - b.line);
  const duplicates = new Map<string, string[]>();
  for (const entry of entries) if (entry.summary.id) duplicates.set(entry.summary.id, [...(duplicates.get(entry.summary.id) ?? []), relative(entry.path)]);
  for (const [id, files] of duplicates) if (files.length < 2) duplicates.delete(id);
  const insightFields = service.template.schema.insights?.fields ?? [];
  const metricNames = [...new Set(entries.flatMap((e) => Object.keys(e.summary.metrics)))];
  const today = dayText(options.today);

  if (options.format === 'json') {
    out(
      `${JSON.stringify(
        {
          today,
          postmortems: entries.map((e) => ({ file: relative(e.path), ...e.summary })),
          openActionItems: open.map(({ entry, late, ...item }) => ({ file: relative(entry.path), id: entry.summary.id ?? null, postmortem: entry.summary.title, ...item, overdue: late !== undefined, daysLate: late ?? null })),
          duplicateIds: [...duplicates].map(([id, files]) => ({ id, files })),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }

  if (options.format === 'csv') {
    const rows: string[][] =
      options.table === 'postmortems'
        ? [
            ['file', 'id', 'title', 'date', ...insightFields, 'status', 'unfilled', ...metricNames.map((m) => `${m} (s)`), 'open items'],
            ...entries.map((e) => [
              relative(e.path),
              e.summary.id ?? '',
              e.summary.title,
              e.summary.date ?? '',
              ...insightFields.map((f) => e.summary.fields[f] ?? ''),
              e.summary.status ?? '',
              String(e.summary.unfilled),
              ...metricNames.map((m) => (e.summary.metrics[m] === undefined ? '' : String(e.summary.metrics[m]))),
              String(e.summary.actionItems.filter((i) => i.state !== 'done').length),
            ]),
          ]
        : [
            ['file', 'line', 'id', 'postmortem', 'state', 'due', 'days late', 'owner', 'action', 'ticket', 'horizon'],
            ...open.map((i) => [relative(i.entry.path), String(i.line + 1), i.entry.summary.id ?? '', i.entry.summary.title, i.state, i.due ?? '', i.late === undefined ? '' : String(i.late), i.owner ?? '', i.text, i.ticket ?? '', i.horizon ?? '']),
          ];
    out(rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n');
    return 0;
  }

  // Markdown.
  const overdue = open.filter((i) => i.late !== undefined).length;
  const lines: string[] = [
    '# Post-mortems',
    '',
    `${count(entries.length, 'post-mortem')}, ${count(open.length, 'open action item')}${overdue ? ` (${overdue} overdue)` : ''}, on ${today}.`,
    '',
  ];
  if (entries.length) {
    const metric = metricNames[0];
    lines.push(
      row(['ID', 'Title', 'Date', ...insightFields.slice(0, 1), 'Status', 'Left to fill', ...(metric ? [metric] : []), 'Open items', 'File']),
      row(['---', '---', '---', ...insightFields.slice(0, 1).map(() => '---'), '---', '---:', ...(metric ? ['---:'] : []), '---:', '---']),
      ...entries.map((e) =>
        row([
          e.summary.id ?? '',
          e.summary.title,
          e.summary.date ?? '',
          ...insightFields.slice(0, 1).map((f) => e.summary.fields[f] ?? ''),
          e.summary.status ?? '',
          String(e.summary.unfilled),
          ...(metric ? [e.summary.metrics[metric] === undefined ? '' : formatDuration(e.summary.metrics[metric])] : []),
          String(e.summary.actionItems.filter((i) => i.state !== 'done').length),
          relative(e.path),
        ]),
      ),
      '',
    );
  }
  lines.push('## Open action items', '');
  if (open.length === 0) lines.push('None.', '');
  else {
    lines.push(
      row(['Due', 'Owner', 'Action', 'Ticket', 'Post-mortem', 'Where']),
      row(['---', '---', '---', '---', '---', '---']),
      ...open.map((i) =>
        row([
          i.due ? (i.late !== undefined ? `${i.due} (overdue, ${i.late} ${i.late === 1 ? 'day' : 'days'})` : i.due) : '',
          i.owner ?? '',
          i.text,
          i.ticket ?? '',
          i.entry.summary.id ?? i.entry.summary.title,
          `${relative(i.entry.path)}:${i.line + 1}`,
        ]),
      ),
      '',
    );
  }
  if (duplicates.size) {
    lines.push('## Incident IDs used more than once', '');
    for (const [id, files] of duplicates) lines.push(`- ${id}: ${files.join(', ')}`);
    lines.push('');
  }
  out(lines.join('\n'));
  return 0;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A Markdown table row; a `|` in a cell is escaped, so the table keeps its columns as GitHub renders it. */
function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
