/** When an action item of a summary is overdue: one module of its own, that the views (in the client) load without the rest of the service. */
import type { ActionItemSummary } from './summary';

/**
 * Days an item is past its due date on `today` (days since 1970), when it is overdue as
 * action-item-overdue counts it: its author marks it open, and its day has passed.
 */
export function daysOverdue(item: Pick<ActionItemSummary, 'state' | 'due'>, today: number): number | undefined {
  if (item.state !== 'open' || !item.due) return undefined;
  const due = Date.UTC(Number(item.due.slice(0, 4)), Number(item.due.slice(5, 7)) - 1, Number(item.due.slice(8, 10))) / 86400000;
  return due < today ? today - due : undefined;
}
