/**
 * How the check's findings are written: lines a terminal and an editor can follow
 * (`file:line:column: level: message [rule]`), JSON for tools, or GitHub Actions annotations,
 * which show on the pull request's changed lines. Lines and columns are 1-based; columns count
 * UTF-16 code units, as VS Code's do.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { MetricsReport } from '../../server/src/service/service';

export type Format = 'text' | 'json' | 'github';
export const formats: readonly Format[] = ['text', 'json', 'github'];

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
    if (this.format !== 'json') return this.out(formatted);
    return this.out(`${this.entries++ === 0 ? '[\n  ' : ',\n  '}${formatted}`);
  }

  /** After the last file. */
  end(): void {
    if (this.format === 'json') this.out(this.entries === 0 ? '[]\n' : '\n]\n');
  }
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
