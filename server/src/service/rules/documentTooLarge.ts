import { maxDocumentLength } from '../limits';
import type { Rule } from './rule';

export const documentTooLarge: Rule = {
  id: 'document-too-large',
  defaultLevel: 'information',
  description: 'The post-mortem is too large to check: only its outline was read.',
  outline: true,
  check(analysis, report) {
    if (analysis.tooLarge === undefined) return;
    report({
      line: 0,
      start: 0,
      end: analysis.doc.text.lines[0]?.length ?? 0,
      message: `This document is too large for post-mortem checks (${(analysis.tooLarge / 1e6).toFixed(1)} million characters; the limit is ${maxDocumentLength / 1e6} million).`,
    });
  },
};
