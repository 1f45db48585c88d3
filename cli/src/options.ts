/**
 * postmortem-check's command line: its options, read with node:util's parseArgs and checked,
 * and its help text. A bad option is a UsageError, told with the way to the help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DateOrder, RuleLevel } from '../../server/src/service/service';
import { ruleLevels, rules } from '../../server/src/service/rules';
import { defaultPostmortemFolder } from '../../host/postmortemFolder';
import { formats, type Format } from './report';

export const usage = `Usage: postmortem-check [options] <file or folder>...
       postmortem-check report [options] <folder>...   (see postmortem-check report --help)

Checks Markdown post-mortems as the Post-Mortem Authoring extension does, and prints every
field left unfilled or invalid. Folders are searched for .md files. A file is checked when it
is a post-mortem: its front matter says postmortem: true, it is in the post-mortem folder
(--folder), or its headings are the template's (at least half of its sections, or its required
ones); or give --all. postmortem: false in front matter always leaves a file out.

Options:
  --template <file.md>   your team's template, with its schema <name>.schema.yaml beside it
  --rule <id>=<level>    a rule's level: off, hint, information, warning or error (repeatable)
  --format <format>      text (the default), json, github (GitHub Actions annotations) or
                         sarif (SARIF 2.1.0, for GitHub code scanning); json also gives each
                         post-mortem's metrics (start, end, Duration and every time-to-X, in
                         seconds and as text), from its timeline
  --status <status>      check every post-mortem as at this review status (draft, in-review,
                         final for the shipped template), whatever its front matter says;
                         without it each file's own status (status: draft) sets how strict
                         the checks are: in a draft what is left to fill is a hint, in review
                         or final an error
  --max-warnings <n>     fail when there are more than n warnings
  --date-order <order>   how 03/04/2026 is read: auto (only unambiguous dates, a hint on the
                         others; the default), dmy (day first) or mdy (month first)
  --today <YYYY-MM-DD>   check as on this day: an open action item due before it is
                         overdue (the default is the local date today)
  --folder <path>        the post-mortem folder, whose Markdown files are all post-mortems
                         (a README or index there is not), relative to the current folder;
                         the default is postmortems, as for New Post-Mortem
  --all                  check every Markdown file, post-mortem or not
  --threads <n>          worker threads checking files at once (1: none, the main thread
                         checks them); by default one per core, up to 4, from 50 files on
  -q, --quiet            report errors only
  -h, --help             show this help
  -v, --version          show the version

Rules: ${rules.map((r) => r.id).join(', ')}.
Exit status: 0 when no errors were found, 1 when some were (or more warnings than
--max-warnings), 2 when the check could not run (a bad option, a file or template that cannot
be read).
`;



export class UsageError extends Error {}

export interface Options {
  template?: string;
  levels: Record<string, RuleLevel>;
  /** --status: the review status every post-mortem is checked at (checked against the template's). */
  status?: string;
  format: Format;
  maxWarnings?: number;
  all: boolean;
  quiet: boolean;
  dateOrder: DateOrder;
  /** --today: the day the overdue action items are counted on (undefined: today). */
  today?: string;
  folder: string;
  /** --threads: how many threads check files (undefined: decided by the number of files and cores). */
  threads?: number;
  paths: string[];
}

const dateOrders: readonly DateOrder[] = ['auto', 'dmy', 'mdy'];

/** The command line read by node:util's parseArgs with these options; what it refuses is a UsageError. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

/** --today, checked: a day that exists, written YYYY-MM-DD. */
export function todayOption(value: string | undefined): string | undefined {
  if (value !== undefined && !isDay(value)) throw new UsageError(`--today ${value}: must be a date written YYYY-MM-DD, as 2026-12-01`);
  return value;
}

/** --date-order, checked. */
export function dateOrderOption(value: string | undefined): DateOrder {
  const dateOrder = (value ?? 'auto') as DateOrder;
  if (!dateOrders.includes(dateOrder)) throw new UsageError(`--date-order ${value}: must be one of ${dateOrders.join(', ')}`);
  return dateOrder;
}

export function readOptions(argv: readonly string[]): Options | 'help' | 'version' {
  const { values, positionals } = parseCommandLine(argv, {
    template: { type: 'string' },
    rule: { type: 'string', multiple: true },
    format: { type: 'string' },
    status: { type: 'string' },
    'max-warnings': { type: 'string' },
    'date-order': { type: 'string' },
    today: { type: 'string' },
    folder: { type: 'string' },
    all: { type: 'boolean' },
    threads: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const levels: Record<string, RuleLevel> = {};
  for (const setting of values.rule ?? []) {
    const [id, level] = setting.split('=').map((s) => s.trim());
    if (!rules.some((r) => r.id === id)) throw new UsageError(`--rule ${setting}: no rule '${id}'; the rules are ${rules.map((r) => r.id).join(', ')}`);
    if (!ruleLevels.includes(level as RuleLevel)) throw new UsageError(`--rule ${setting}: the level must be one of ${ruleLevels.join(', ')}`);
    levels[id] = level as RuleLevel;
  }
  const format = (values.format ?? 'text') as Format;
  if (!formats.includes(format)) throw new UsageError(`--format ${values.format}: must be one of ${formats.join(', ')}`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings ${values['max-warnings']}: must be a whole number of at least 0`);
  }
  if (values.template !== undefined && !/\.md$/i.test(values.template)) throw new UsageError(`--template ${values.template}: must name a Markdown (.md) template file`);
  const dateOrder = dateOrderOption(values['date-order']);
  todayOption(values.today);
  if (values.folder !== undefined && values.folder.trim() === '') throw new UsageError('--folder: give a folder');
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!/^\d+$/.test(values.threads) || threads < 1) throw new UsageError(`--threads ${values.threads}: must be a whole number of at least 1`);
  }
  if (values.status !== undefined && values.status.trim() === '') throw new UsageError('--status: give a review status, as final');
  if (positionals.length === 0) throw new UsageError('no file or folder to check');
  return { template: values.template, levels, status: values.status?.trim(), format, maxWarnings, all: !!values.all, quiet: !!values.quiet, dateOrder, today: values.today, folder: values.folder ?? defaultPostmortemFolder, threads, paths: positionals };
}

/** Whether a text is a day that exists, written YYYY-MM-DD. */
function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}
