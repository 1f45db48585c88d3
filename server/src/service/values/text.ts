/**
 * A field's value as it reads, before any reader looks for a value of its kind in it: HTML
 * comments, code ticks and emphasis markers are decoration ("**HIGH**", "`42`", "~~MEDIUM~~ HIGH"
 * keeps its struck text, which is rare enough to leave).
 */
import { blankHtml } from '../text/markdownText';

/** The value without comments, backticks and emphasis markers, with white space folded and trimmed. */
export function plainValue(raw: string): string {
  let text = raw;
  if (text.indexOf('<!--') !== -1) text = text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  if (text.indexOf('&') !== -1 || text.indexOf('<') !== -1) text = text.replace(blankHtml, ' ');
  if (text.indexOf('`') !== -1) text = text.replace(/`+/g, '');
  if (text.indexOf('*') !== -1) text = text.replace(/\*+/g, '');
  // Underscores are emphasis only at a word's edge: INC_2026_01 keeps its own.
  if (text.indexOf('_') !== -1) text = text.replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '');
  return text.replace(/\s+/g, ' ').trim();
}

/** Leading decoration before a value: emoji, bullets, arrows, quotes ("🔴 CRITICAL", "→ 42%"). */
export function withoutLeadingDecoration(text: string): string {
  return text.replace(/^[^\p{L}\p{N}?#~≈<>+\-−.$(]+/u, '');
}
