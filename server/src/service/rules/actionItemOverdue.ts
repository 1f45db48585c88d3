import { dayText } from '../values/date';
import type { Rule } from './rule';

export const actionItemOverdue: Rule = {
  id: 'action-item-overdue',
  defaultLevel: 'information',
  description: 'An open action item is past its due date.',
  check(analysis, report, { today }) {
    for (const item of analysis.actionItems.items) {
      const due = item.due;
      // Open as the author marks it (an unticked box, a Status): an item that says neither may be done.
      if (item.state !== 'open' || !due?.days || due.loose || item.templateExample) continue;
      if (!due.days.every((day) => day < today)) continue;
      const late = today - Math.max(...due.days);
      report({
        line: due.line,
        start: due.start,
        end: due.end,
        message: `Action item is overdue: due ${dayText(Math.max(...due.days))}, ${late === 1 ? 'yesterday' : `${late} days ago`}; tick it if it is done, or give it a new date`,
      });
    }
  },
};
