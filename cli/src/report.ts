/**
 * How the check's findings are written: lines a terminal and an editor can follow
 * (`file:line:column: level: message [rule]`), JSON for tools, or GitHub Actions annotations,
 * which show on the pull request's changed lines. Lines and columns are 1-based; columns count
 * UTF-16 code units, as VS Code's do.
 */
import type { Diagnostic } from 'vscode-languageserver-types';

export type Format = 'text' | 'json' | 'github';
export const formats: readonly Format[] = ['text', 'json', 'github'];

export interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

const levels = ['', 'error', 'warning', 'information', 'hint'] as const;

export function levelOf(diagnostic: Diagnostic): (typeof levels)[number] {
  return levels[diagnostic.severity ?? 1] || 'error';
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : (diagnostic.message as { value: string }).value;
}

export function formatReports(reports: readonly FileReport[], format: Format): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        reports.map(({ file, diagnostics }) => ({
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
        })),
        null,
        2,
      )}\n`;
    case 'github':
      return reports.flatMap(({ file, diagnostics }) => diagnostics.map((d) => githubAnnotation(file, d))).join('');
    default:
      return reports
        .flatMap(({ file, diagnostics }) =>
          diagnostics.map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${levelOf(d)}: ${messageOf(d)} [${d.code}]\n`),
        )
        .join('');
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
