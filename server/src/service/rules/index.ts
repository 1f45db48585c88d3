/** Every rule, in the order their diagnostics are produced. One rule per file. */
import { emptySection } from './emptySection';
import { invalidChoice } from './invalidChoice';
import { invalidValue } from './invalidValue';
import { missingSection } from './missingSection';
import type { Rule } from './rule';
import { timelineCellCount } from './timelineCellCount';
import { timelineInvalidTime } from './timelineInvalidTime';
import { timelineOutOfOrder } from './timelineOutOfOrder';
import { unfilledPlaceholder } from './unfilledPlaceholder';

export const rules: readonly Rule[] = [
  unfilledPlaceholder,
  invalidChoice,
  invalidValue,
  missingSection,
  emptySection,
  timelineCellCount,
  timelineInvalidTime,
  timelineOutOfOrder,
];

export type { Rule, Finding } from './rule';
