/** Checking what the author types and what the server answers for New Post-Mortem. Pure. */
import type { NewDocumentResult } from '../../../common/protocol';

const maxTitleLength = 200;

/** The input box's message for a title it cannot take, or undefined when the title is fine. */
export function validateTitle(title: string): string | undefined {
  if (title.trim() === '') return 'Enter a title for the post-mortem, for example "Checkout latency after database failover".';
  if (title.length > maxTitleLength) return `Keep the title under ${maxTitleLength} characters.`;
  return undefined;
}

/** The server's answer to `postmortem/newDocument`, or undefined when it is not one. */
export function readNewDocumentResult(value: unknown): NewDocumentResult | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { text, fileName, incidentId, cursor, selection } = value as Record<string, unknown>;
  if (typeof text !== 'string' || typeof fileName !== 'string') return undefined;
  const position = positionOf(cursor) ?? { line: 0, character: 0 };
  const { start, end } = (selection ?? {}) as Record<string, unknown>;
  const startPosition = positionOf(start);
  const endPosition = positionOf(end);
  const range = startPosition && endPosition ? { start: startPosition, end: endPosition } : undefined;
  return { text, fileName, incidentId: typeof incidentId === 'string' ? incidentId : '', cursor: position, ...(range ? { selection: range } : {}) };
}

function positionOf(value: unknown): { line: number; character: number } | undefined {
  const { line, character } = (value ?? {}) as Record<string, unknown>;
  return Number.isInteger(line) && Number.isInteger(character) ? { line: line as number, character: character as number } : undefined;
}
