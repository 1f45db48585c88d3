import type { Rule } from './rule';

export const missingSection: Rule = {
  id: 'missing-section',
  defaultLevel: 'warning',
  description: 'A section the template requires is not in the document.',
  docs: `The template's schema lists the sections every post-mortem must have (for the default
template: Incident Summary with What Happened?, Timeline, Root Cause Analysis, Lessons Learned,
Action Items and Incident Classification). A section is found by its heading text, whatever its
level, ignoring case, punctuation and emoji; a subsection must sit somewhere under its parent.

The diagnostic is on the first line of the document. When a parent section is missing, its
required subsections are not reported again.

**Fix**: the quick fix *Insert section from the template* adds the template's text for the
section after the section that precedes it in the template.`,
  check(analysis, report) {
    const { doc } = analysis;
    const missing = new Set<string>();
    for (const required of analysis.template.requiredSections) {
      const parentMissing = required.path.some((_, k) => k < required.path.length - 1 && missing.has(required.path.slice(0, k + 1).join('>')));
      if (analysis.findSection(required.path) !== -1) continue;
      missing.add(required.path.join('>'));
      if (parentMissing) continue;
      const line = doc.text.lines[0] ?? '';
      report({
        line: 0,
        start: 0,
        end: line.length,
        message: `Section '${required.name.split('>').map((s) => s.trim()).join(' > ')}' is missing`,
        data: { section: required.path },
      });
    }
  },
};
