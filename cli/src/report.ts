/**
 * How the check's findings are written: lines a terminal and an editor can follow
 * (`file:line:column: level: message [rule]`), JSON for tools, GitHub Actions annotations,
 * which show on the pull request's changed lines, or SARIF 2.1.0 for GitHub code scanning and
 * other tools. Lines and columns are 1-based; columns count UTF-16 code units, as VS Code's do.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { rules } from '../../server/src/service/rules';
import type { MetricsReport } from '../../server/src/service/service';

export type Format = 'text' | 'json' | 'github' | 'sarif';
export const formats: readonly Format[] = ['text', 'json', 'github', 'sarif'];

export interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
  /** The incident's numbers (JSON only): a post-mortem with any is listed even without findings. */
  metrics?: MetricsReport;
}

const levels = ['', 'error', 'warning', 'information', 'hint'] as const;

export function levelOf(diagnostic: Diagnostic): (typeof levels)[number] {
  return levels[diagnostic.severity ?? 1] || 'error';
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
}

/**
 * One file's findings as they are written: its lines (text, github), or its entry of the JSON
 * list as JSON.stringify(list, null, 2) indents it there; '' for a file without findings.
 */
export function formatReport({ file, diagnostics, metrics }: FileReport, format: Format): string {
  const hasMetrics = metrics !== undefined && (metrics.start !== null || metrics.metrics.length > 0);
  if (diagnostics.length === 0 && !(format === 'json' && hasMetrics)) return '';
  switch (format) {
    case 'json': {
      const entry: Record<string, unknown> = {
        file,
        diagnostics: diagnostics.map((d) => ({
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          level: levelOf(d),
          rule: d.code,
          message: messageOf(d),
        })),
      };
      if (hasMetrics) entry.metrics = metrics;
      // JSON strings hold no raw line break: every \n here starts a line of the entry.
      return JSON.stringify(entry, null, 2).replace(/\n/g, '\n  ');
    }
    case 'github':
      return diagnostics.map((d) => githubAnnotation(file, d)).join('');
    case 'sarif':
      return diagnostics.map((d) => JSON.stringify(sarifResult(file, d))).join(',\n');
    default:
      return diagnostics.map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${levelOf(d)}: ${messageOf(d)} [${d.code}]\n`).join('');
  }
}

/**
 * Writes the files' findings as they come, in one format: the lines of each file, or for JSON one
 * document, `[]` or a list of the files with findings, written entry by entry and the same to the
 * byte as JSON.stringify(list, null, 2) of the whole list. `write` returns what `out` returns
 * (false: the output is full for now).
 */
export class ReportWriter {
  private entries = 0;

  constructor(
    private readonly format: Format,
    private readonly out: (text: string) => boolean | void,
  ) {}

  /** A file's output as formatReport made it. */
  write(formatted: string): boolean | void {
    if (formatted === '') return true;
    if (this.format === 'sarif') return this.out(`${this.entries++ === 0 ? sarifStart() : ',\n'}${formatted}`);
    if (this.format !== 'json') return this.out(formatted);
    return this.out(`${this.entries++ === 0 ? '[\n  ' : ',\n  '}${formatted}`);
  }

  /** After the last file. */
  end(): void {
    if (this.format === 'json') this.out(this.entries === 0 ? '[]\n' : '\n]\n');
    if (this.format === 'sarif') this.out(`${this.entries === 0 ? sarifStart() : '\n'}]}]}\n`);
  }
}

/**
 * The SARIF log up to its results: one run whose tool lists every rule with its description,
 * level and documentation (the rule's page, as a file beside the CLI when it ships with it, and
 * its text, which GitHub code scanning shows). The results follow as they come, then `]}]}`.
 */
function sarifStart(): string {
  const docs = path.join(__dirname, '..', 'docs', 'rules');
  const driver = {
    name: 'postmortem-check',
    version: typeof POSTMORTEM_VERSION === 'string' ? POSTMORTEM_VERSION : '0.0.0',
    rules: rules.map((rule) => {
      const page = path.join(docs, `${rule.id}.md`);
      const help = existsSync(page) ? readFileSync(page, 'utf8') : undefined;
      return {
        id: rule.id,
        name: rule.id.replace(/(?:^|-)([a-z])/g, (_, c: string) => c.toUpperCase()),
        shortDescription: { text: rule.description },
        fullDescription: { text: rule.description },
        defaultConfiguration: { level: sarifLevel(rule.defaultLevel) },
        ...(help !== undefined ? { helpUri: pathToFileURL(page).href, help: { text: help, markdown: help } } : {}),
        properties: { tags: ['post-mortem'], ...(rule.gap ? { gap: true } : {}) },
      };
    }),
  };
  const head = JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(`${process.cwd()}${path.sep}`).href } }, results: [] }],
  });
  // The results list left open, for the results to be written into as they come.
  return `${head.slice(0, -'[]}]}'.length)}[\n`;
}

declare const POSTMORTEM_VERSION: string | undefined;

function sarifLevel(level: string): 'error' | 'warning' | 'note' {
  return level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'note';
}

/** One finding as a SARIF result: the rule, its level, the message and where, relative to the folder the check ran in. */
function sarifResult(file: string, d: Diagnostic) {
  const relative = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  const outside = relative.startsWith('..') || path.isAbsolute(relative);
  const artifactLocation = outside ? { uri: pathToFileURL(path.resolve(file)).href } : { uri: encodeURI(relative.split(path.sep).join('/')), uriBaseId: '%SRCROOT%' };
  const ruleIndex = rules.findIndex((r) => r.id === d.code);
  return {
    ruleId: String(d.code),
    ...(ruleIndex !== -1 ? { ruleIndex } : {}),
    level: sarifLevel(levelOf(d)),
    message: { text: messageOf(d) },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
        },
      },
    ],
  };
}

/** `::error file=...,line=...::message`; warnings and hints below warning become notices. */
function githubAnnotation(file: string, d: Diagnostic): string {
  const level = levelOf(d);
  const command = level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'notice';
  const properties = [
    `file=${escapeProperty(file.replace(/\\/g, '/'))}`,
    `line=${d.range.start.line + 1}`,
    `col=${d.range.start.character + 1}`,
    `endLine=${d.range.end.line + 1}`,
    `endColumn=${d.range.end.character + 1}`,
    `title=${escapeProperty(`post-mortem ${d.code}`)}`,
  ];
  return `::${command} ${properties.join(',')}::${escapeData(messageOf(d))}\n`;
}

// As the Actions toolkit escapes them (@actions/core, command.ts).
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
