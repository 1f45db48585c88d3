/**
 * Turning the checks on or off for one file: the template's front-matter key (`postmortem:
 * true`) written into the file's front matter, which is made when the file has none. What
 * **Check this file as a post-mortem** applies.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';

export function frontMatterFlagEdits(analysis: Analysis, value: boolean): TextEdit[] {
  const { doc } = analysis;
  const key = analysis.template.schema.detection.frontMatterKey;
  const { lines, eol } = doc.text;
  const entry = `${key}: ${value}`;
  if (doc.frontMatterEnd > 0) {
    const line = doc.frontMatterKeyLine;
    if (line !== -1) {
      // The key's own line, keeping a comment after its value; a nested value under it
      // ("postmortem:" and indented lines) goes with it, or the YAML would be broken.
      const value = lines[line].slice(lines[line].indexOf(':') + 1);
      const comment = /[ \t]+#.*$/.exec(value)?.[0] ?? '';
      let last = line;
      if (value.slice(0, value.length - comment.length).trim() === '') while (last + 1 < doc.frontMatterEnd && /^[ \t]+\S/.test(lines[last + 1])) last++;
      return [{ range: { start: { line, character: 0 }, end: { line: last, character: lines[last].length } }, newText: `${entry}${comment}` }];
    }
    const at = doc.frontMatterEnd;
    return [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${entry}${eol}` }];
  }
  // A byte order mark stays the first character of the file.
  const start = lines[0]?.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [{ range: { start: { line: 0, character: start }, end: { line: 0, character: start } }, newText: `---${eol}${entry}${eol}---${eol}` }];
}
