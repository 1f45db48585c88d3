import type { Analysis } from '../analysis';
import { maskCommentsAndCode } from '../text/markdownText';
import type { Rule } from './rule';

export const blamelessLanguage: Rule = {
  id: 'blameless-language',
  defaultLevel: 'information',
  description: 'Wording that blames a person where the analysis should name a system (human error, should have, failed to, careless), with what to write instead.',
  check(analysis, report) {
    const matcher = analysis.template.blameless;
    const { doc } = analysis;
    if (!matcher || doc.blameLines.length === 0) return;
    const phrases = analysis.template.schema.blameless!.phrases;
    const headingLines = new Set(doc.headings.map((h) => h.line));
    const choiceValues = choiceValueRanges(analysis);
    // The prose lines that hold a phrase as written (found once per line text, as the line is
    // parsed): only those are read as prose, where code, quotes and placeholders are blanked out.
    for (const line of doc.blameLines) {
      // No heading or block quote.
      if (headingLines.has(line)) continue;
      const text = doc.text.lines[line];
      if (/^ {0,3}>/.test(text)) continue;
      const matches = matcher.find(proseOf(analysis, line, text, choiceValues.get(line)));
      for (const m of matches) {
        const phrase = phrases[m.phrase];
        const written = text.slice(m.start, m.end);
        const fix = phrase.fix === undefined ? undefined : fixOf(text, m.fixStart, m.end, phrase.fix);
        report({
          line,
          start: m.start,
          end: m.end,
          message: `"${written}" blames a person: ${phrase.suggestion}`,
          data: fix ? { fix: { ...fix, title: phrase.fix === '' ? `Remove "${text.slice(m.fixStart, m.end)}"` : `Write "${phrase.fix}" for "${text.slice(m.fixStart, m.end)}"` } } : undefined,
        });
      }
    }
  },
};

/** The line with what is not the author's prose blanked out: code spans, comments, placeholders, quoted speech, a choice field's value. */
function proseOf(analysis: Analysis, line: number, text: string, choiceValue: [number, number] | undefined): string {
  const masked = maskCommentsAndCode(text);
  const ranges: [number, number][] = analysis.placeholdersOnLine(line).map((p) => [p.start, p.end]);
  if (choiceValue) ranges.push(choiceValue);
  // Quoted speech is someone's words, reported as said ("...", “...”).
  if (masked.indexOf('"') !== -1 || masked.indexOf('“') !== -1) for (const quote of masked.matchAll(/"[^"]*"|“[^”]*”/g)) ranges.push([quote.index!, quote.index! + quote[0].length]);
  if (ranges.length === 0) return masked;
  // Blanked in one pass: a line of thousands of quotes or placeholders stays linear.
  ranges.sort((a, b) => a[0] - b[0]);
  let prose = '';
  let from = 0;
  for (const [start, end] of ranges) {
    if (end <= from) continue;
    const at = Math.max(start, from);
    prose += masked.slice(from, at) + ' '.repeat(end - at);
    from = end;
  }
  return prose + masked.slice(from);
}

/** Where each choice field's value is (Category: Human Error is a category, not blame), by line. */
function choiceValueRanges(analysis: Analysis): Map<number, [number, number]> {
  const ranges = new Map<number, [number, number]>();
  analysis.doc.fields.forEach((field, index) => {
    if (analysis.fieldSpec(index)?.kind === 'choice') ranges.set(field.line, [field.valueStart, field.valueEnd]);
  });
  return ranges;
}

/** The edit of a fix: the words after the person replaced; removed with one space beside them for ''. */
function fixOf(text: string, start: number, end: number, replacement: string): { start: number; end: number; newText: string } {
  if (replacement !== '') return { start, end, newText: replacement };
  if (text[end] === ' ') return { start, end: end + 1, newText: '' };
  if (text[start - 1] === ' ') return { start: start - 1, end, newText: '' };
  return { start, end, newText: '' };
}
