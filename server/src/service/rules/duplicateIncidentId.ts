import { uniqueId } from '../create/newDocument';
import { dayText } from '../values/date';
import { incidentIdOf } from '../workspace/summary';
import type { Rule } from './rule';

export const duplicateIncidentId: Rule = {
  id: 'duplicate-incident-id',
  defaultLevel: 'warning',
  description: "The Incident ID is also another post-mortem's, in this workspace.",
  check(analysis, report, { workspace }) {
    if (!workspace) return;
    const found = incidentIdOf(analysis);
    if (!found) return;
    const others = workspace.filesWithId(found.id);
    if (others.length === 0) return;
    // The fix: the first free ID of the incident's day (the ID's own date when the day is unknown).
    const { newDocument } = analysis.template.schema;
    const compact = /(\d{4})(\d{2})(\d{2})/.exec(found.id);
    const day = analysis.clock.startDay !== undefined ? dayText(analysis.clock.startDay) : compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : undefined;
    const next = day ? uniqueId(newDocument.idFormat, day, new Set([...workspace.ids(), found.id])) : undefined;
    const named = others.length === 1 ? others[0] : `${others[0]} and ${others.length - 1} more`;
    report({
      ...found.range,
      message: `Incident ID ${found.id} is also the ID of ${named}: give this post-mortem an ID of its own${next ? ` (${next} is free)` : ''}`,
      data: next ? { nextId: next } : undefined,
    });
  },
};
