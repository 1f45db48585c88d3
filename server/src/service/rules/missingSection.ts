import type { Rule } from './rule';

export const missingSection: Rule = {
  id: 'missing-section',
  defaultLevel: 'warning',
  gap: true,
  description: 'A section the template requires is not in the document.',
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
