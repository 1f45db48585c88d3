import type { Rule } from './rule';

export const actionItemDonePlaceholder: Rule = {
  id: 'action-item-done-placeholder',
  defaultLevel: 'warning',
  description: 'An action item is ticked done, but its text is still the template placeholder.',
  check(analysis, report) {
    for (const item of analysis.actionItems.items) {
      if (item.state !== 'done' || !item.text.placeholder) continue;
      const { text } = item;
      report({ line: text.line, start: text.start, end: text.end, message: `Action item is marked done, but its text is still the placeholder '${text.text}': write what was done, or untick it` });
    }
  },
};
