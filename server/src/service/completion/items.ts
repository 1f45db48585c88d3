import type { CompletionItem } from 'vscode-languageserver-types';

/** The items with the first of each label kept: the same value offered twice (now, and the timeline's last time) shows once. */
export function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.label) && seen.add(i.label));
}
