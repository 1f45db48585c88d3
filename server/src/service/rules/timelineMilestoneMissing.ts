import { listWithAnd, listWithOr } from '../text/markdownText';
import type { Rule } from './rule';

export const timelineMilestoneMissing: Rule = {
  id: 'timeline-milestone-missing',
  defaultLevel: 'information',
  description: 'An unfilled metric (a time-to-X field) is measured from or to a milestone that no timeline row names.',
  check(analysis, report) {
    const { metrics, timeline } = analysis;
    if (!timeline || !metrics.written || metrics.missing.length === 0) return;
    const heading = analysis.doc.headings[timeline.section];
    const line = analysis.doc.text.lines[heading.line];
    const milestones = [...new Set(metrics.missing.map((m) => m.milestone))];
    const fields = [...new Set(metrics.missing.map((m) => m.spec.field))];
    const aliases = (name: string) => {
      const names = (analysis.template.schema.timeline?.milestones ?? []).find((m) => m.value === name)?.aliases ?? [];
      return names.length ? ` (or ${listWithOr(names.slice(0, 2).map((a) => `'${a}'`))}...)` : '';
    };
    // One finding for the document: the Problems panel gets one line, not one per milestone.
    report({
      line: heading.line,
      start: heading.titleStart,
      end: line.length,
      message: `No timeline row names ${listWithAnd(milestones.map((m) => `'${m}'${milestones.length === 1 ? aliases(m) : ''}`))}, so ${listWithAnd(fields)} cannot be computed from the timeline`,
      data: { milestones },
    });
  },
};
