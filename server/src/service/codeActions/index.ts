import type { CodeAction } from 'vscode-languageserver-types';
import { blamelessFixActions } from './blamelessFixes';
import { cellCountActions } from './cellCountFix';
import { choiceFixActions } from './choiceFixes';
import { duplicateIdActions } from './duplicateIdFix';
import type { CodeActionRequest, Provider } from './context';
import { insertMissingSectionActions } from './insertMissingSection';
import { insertRowKind, insertTimelineRowActions } from './insertTimelineRow';
import { metricFixActions } from './metricFixes';
import { fixAllKind, timelineOrderActions } from './timelineOrderFixes';

const providers: readonly Provider[] = [
  choiceFixActions,
  metricFixActions,
  cellCountActions,
  timelineOrderActions,
  insertMissingSectionActions,
  insertTimelineRowActions,
  blamelessFixActions,
  duplicateIdActions,
];

/** Kinds the server announces in `codeActionProvider.codeActionKinds`. */
export const codeActionKinds = ['quickfix', insertRowKind, fixAllKind];

export function getCodeActions(request: CodeActionRequest): CodeAction[] {
  return providers.flatMap((provide) => provide(request));
}

export type { CodeActionRequest } from './context';
