import { LineKind } from '../document/model';
import type { Rule } from './rule';

export const emptySection: Rule = {
  id: 'empty-section',
  defaultLevel: 'warning',
  gap: true,
  description: 'A section the template requires is present but has no content.',
  check(analysis, report) {
    const { doc } = analysis;
    for (const required of analysis.template.requiredSections) {
      const index = analysis.findSection(required.path);
      if (index === -1) continue;
      const heading = doc.headings[index];
      let empty = true;
      // Subsection headings are no content ("#" ones, and "===" or "---" underlined ones).
      const headingLines = new Set<number>();
      for (let k = index + 1; k < doc.headings.length && doc.headings[k].line < heading.end; k++) {
        for (let line = doc.headings[k].line; line <= doc.headings[k].lastLine; line++) headingLines.add(line);
      }
      for (let line = heading.lastLine + 1; line < heading.end && empty; line++) {
        const kind = doc.lineKinds[line];
        if (kind === LineKind.Comment) continue;
        const text = doc.text.lines[line];
        if (text.trim() === '') continue;
        if (headingLines.has(line)) continue;
        if (kind === LineKind.Text && /^\s*<!--.*-->\s*$/.test(text)) continue;
        empty = false;
      }
      if (!empty) continue;
      const text = doc.text.lines[heading.line];
      report({
        line: heading.line,
        start: text.length - text.trimStart().length,
        end: text.trimEnd().length,
        message: `Section '${heading.title}' is empty`,
      });
    }
  },
};
