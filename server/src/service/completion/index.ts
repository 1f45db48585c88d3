import { snippetCompletions } from './snippetCompletion';
import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { actionItemCompletions, type CompletionContext } from './actionItemCompletion';
import { choiceCompletions } from './choiceCompletion';
import { timelineCompletions } from './timelineCompletion';
import { valueCompletions } from './valueCompletion';

/** Characters that open completion while typing in Markdown (VS Code has quick suggestions off there). */
export const completionTriggerCharacters = ['[', ':', '|', ' '];

export type { CompletionContext } from './actionItemCompletion';

export function getCompletions(analysis: Analysis, position: Position, now: Date, triggerCharacter?: string, context?: CompletionContext): CompletionList | null {
  const items =
    choiceCompletions(analysis, position) ??
    actionItemCompletions(analysis, position, now, context) ??
    valueCompletions(analysis, position, now) ??
    timelineCompletions(analysis, position, now) ??
    // Snippets when asked for (Ctrl+Space, or typing a word), not at every space typed.
    (triggerCharacter === undefined ? snippetCompletions(analysis, position, now) : undefined);
  return items && items.length ? { isIncomplete: false, items } : null;
}
