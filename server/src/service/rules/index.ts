/** Every rule, in the order their diagnostics are produced. One rule per file. */
import { actionItemDonePlaceholder } from './actionItemDonePlaceholder';
import { actionItemDueDate } from './actionItemDueDate';
import { actionItemIncomplete } from './actionItemIncomplete';
import { actionItemOverdue } from './actionItemOverdue';
import { ambiguousDate } from './ambiguousDate';
import { blamelessLanguage } from './blamelessLanguage';
import { choiceAlias } from './choiceAlias';
import { documentTooLarge } from './documentTooLarge';
import { duplicateIncidentId } from './duplicateIncidentId';
import { followUpReviewOverdue } from './followUpReviewOverdue';
import { emptySection } from './emptySection';
import { idFormat } from './idFormat';
import { invalidChoice } from './invalidChoice';
import { invalidValue } from './invalidValue';
import { metricMismatch } from './metricMismatch';
import { milestoneOrder } from './milestoneOrder';
import { missingSection } from './missingSection';
import type { Rule } from './rule';
import { timelineCellCount } from './timelineCellCount';
import { timelineEmptyCell } from './timelineEmptyCell';
import { timelineInvalidTime } from './timelineInvalidTime';
import { timelineMilestoneMissing } from './timelineMilestoneMissing';
import { timelineOutOfOrder } from './timelineOutOfOrder';
import { unfilledPlaceholder } from './unfilledPlaceholder';

export const rules: readonly Rule[] = [
  unfilledPlaceholder,
  invalidChoice,
  choiceAlias,
  invalidValue,
  ambiguousDate,
  idFormat,
  missingSection,
  emptySection,
  timelineCellCount,
  timelineInvalidTime,
  timelineEmptyCell,
  timelineOutOfOrder,
  milestoneOrder,
  timelineMilestoneMissing,
  metricMismatch,
  blamelessLanguage,
  actionItemIncomplete,
  actionItemDonePlaceholder,
  actionItemDueDate,
  actionItemOverdue,
  duplicateIncidentId,
  followUpReviewOverdue,
  documentTooLarge,
];

export type { Rule, Finding, RuleContext, RuleExamples, RuleLevel, WorkspaceFacts } from './rule';
export { ruleLevels } from './rule';
