import { horizonEnd } from '../actionItems/read';
import { dayText } from '../values/date';
import type { Rule } from './rule';

export const actionItemDueDate: Rule = {
  id: 'action-item-due-date',
  defaultLevel: 'information',
  description: "An action item's due date is before the incident, or later than its section's horizon (Immediate: 24 hours).",
  check(analysis, report) {
    const { items, incidentDays } = analysis.actionItems;
    if (!incidentDays) return;
    const incident = dayText(incidentDays.first);
    for (const item of items) {
      const due = item.due;
      // Only a date written as the due date is checked (not one met in the item's text).
      if (!due?.days || due.loose || item.templateExample) continue;
      if (due.days.every((day) => day < incidentDays.first)) {
        report({ line: due.line, start: due.start, end: due.end, message: `Due date ${dayText(Math.max(...due.days))} is before the incident (${incident}): is the year or the month right?` });
        continue;
      }
      const horizon = item.horizon;
      if (!horizon || item.state === 'done') continue;
      const latest = horizonEnd(horizon, incidentDays.last);
      if (due.days.every((day) => day > latest)) {
        report({
          line: due.line,
          start: due.start,
          end: due.end,
          message: `Due date ${dayText(Math.min(...due.days))} is past this section's horizon: '${horizon.section}' items are due within ${horizon.within} of the incident, and this one is due ${Math.min(...due.days) - incidentDays.last} days after it; move it to a later section, or bring the date in`,
        });
      }
    }
  },
};
