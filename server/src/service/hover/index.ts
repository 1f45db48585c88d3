import { MarkupKind, type Hover, type MarkupContent, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { fieldHover } from './fieldHover';
import { metricHover } from './metricHover';

export function getHover(analysis: Analysis, position: Position, now: Date): Hover | null {
  const field = fieldHover(analysis, position, now);
  const metric = metricHover(analysis, position);
  if (!metric || position.character < metric.start || position.character > metric.end) return field;
  const text = metric.paragraphs.join('\n\n');
  if (field) return { ...field, contents: { kind: MarkupKind.Markdown, value: `${(field.contents as MarkupContent).value}\n\n---\n\n${text}` } };
  return {
    contents: { kind: MarkupKind.Markdown, value: text },
    range: { start: { line: position.line, character: metric.start }, end: { line: position.line, character: metric.end } },
  };
}
