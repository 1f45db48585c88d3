import type { Rule } from './rule';

export const actionItemIncomplete: Rule = {
  id: 'action-item-incomplete',
  defaultLevel: 'warning',
  gap: true,
  description: 'An open action item names no owner, or no due date.',
  check(analysis, report) {
    for (const item of analysis.actionItems.items) {
      // Done items need neither; parts that could not be told apart may hold them.
      if (item.state === 'done' || item.templateExample || item.unsure) continue;
      const noOwner = item.expects.owner && !item.owner;
      const noDue = item.expects.due && !item.due;
      if (!noOwner && !noDue) continue;
      const message = noOwner && noDue ? 'Action item has no owner or due date: say who does it and by when' : noOwner ? 'Action item has no owner: say who does it' : 'Action item has no due date: say by when';
      const { text } = item;
      report({ line: text.line, start: text.start, end: text.end, message });
    }
  },
};
