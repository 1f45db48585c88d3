/**
 * Front-matter entries the commands write: the template's detection key (`postmortem: true`),
 * what **Check this file as a post-mortem** applies, and the review status (`status: in-review`),
 * what **Mark Ready for Review** applies. Front matter is made when the file has none.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';

export function frontMatterFlagEdits(analysis: Analysis, value: boolean): TextEdit[] {
  return frontMatterEntryEdits(analysis, analysis.template.schema.detection.frontMatterKey, String(value), analysis.doc.frontMatterKeyLine);
}

/** The review status written into the front matter; none when the template has no statuses. */
export function reviewStatusEdits(analysis: Analysis, status: string): TextEdit[] {
  const review = analysis.template.schema.review;
  if (!review) return [];
  return frontMatterEntryEdits(analysis, review.frontMatterKey, status, analysis.doc.frontMatterStatus?.line ?? -1);
}

/** `key: value` on the key's line `line` (the last one YAML reads; -1 when missing), else added at the front matter's end. */
function frontMatterEntryEdits(analysis: Analysis, key: string, value: string, line: number): TextEdit[] {
  const { doc } = analysis;
  const { lines, eol } = doc.text;
  const entry = `${key}: ${value}`;
  if (doc.frontMatterEnd > 0) {
    if (line !== -1) {
      // The key's own line, keeping a comment after its value; a nested value under it
      // ("postmortem:" and indented lines) goes with it, or the YAML would be broken.
      const written = lines[line].slice(lines[line].indexOf(':') + 1);
      const comment = /[ \t]+#.*$/.exec(written)?.[0] ?? '';
      let last = line;
      if (written.slice(0, written.length - comment.length).trim() === '') while (last + 1 < doc.frontMatterEnd && /^[ \t]+\S/.test(lines[last + 1])) last++;
      return [{ range: { start: { line, character: 0 }, end: { line: last, character: lines[last].length } }, newText: `${entry}${comment}` }];
    }
    const at = doc.frontMatterEnd;
    return [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${entry}${eol}` }];
  }
  // A byte order mark stays the first character of the file.
  const start = lines[0]?.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [{ range: { start: { line: 0, character: start }, end: { line: 0, character: start } }, newText: `---${eol}${entry}${eol}---${eol}` }];
}
