/**
 * Quick fix for a missing required section: insert the template's text for it where the
 * template puts it (after the section that precedes it, if the document has that one).
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { findSection, type Analysis } from '../analysis';
import { diagnosticsOn, versionedEdit, wants, type CodeActionRequest } from './context';

export function insertMissingSectionActions(request: CodeActionRequest): CodeAction[] {
  if (!wants(request, CodeActionKind.QuickFix)) return [];
  const { analysis } = request;
  const diagnostics = request.diagnostics.filter((d) => d.code === 'missing-section');
  if (request.range.start.line !== 0 && diagnostics.length === 0) return [];
  const actions: CodeAction[] = [];
  for (const required of analysis.template.requiredSections) {
    if (analysis.findSection(required.path) !== -1) continue;
    const insertion = insertionFor(analysis, required.path);
    if (!insertion) continue;
    const related = diagnosticsOn(request, 'missing-section', 0).filter(
      (d) => JSON.stringify((d.data as { section?: string[] } | undefined)?.section) === JSON.stringify(required.path),
    );
    actions.push({
      title: `Insert section '${insertion.title}' from the template`,
      kind: CodeActionKind.QuickFix,
      diagnostics: related.length ? related : undefined,
      edit: versionedEdit(request, [
        {
          range: {
            start: { line: insertion.line, character: insertion.character },
            end: { line: insertion.line, character: insertion.character },
          },
          newText: insertion.text,
        },
      ]),
    });
    // A missing parent's text already holds its subsections.
    break;
  }
  return actions;
}

function insertionFor(
  analysis: Analysis,
  path: string[],
): { line: number; character: number; text: string; title: string } | undefined {
  const { template, doc } = analysis;
  const index = findSection(template.template, path);
  if (index === -1) return undefined;
  const section = template.sections[index];
  const templateLines = template.template.text.lines;
  const body = templateLines.slice(section.startLine, section.endLine);
  while (body.length && body[body.length - 1].trim() === '') body.pop();
  const eol = doc.text.eol;

  // After the nearest earlier sibling the document has; else at the start of its parent's subsections.
  let line: number | undefined;
  const parentPath = section.path.slice(0, -1);
  for (let k = index - 1; k >= 0 && line === undefined; k--) {
    const s = template.sections[k];
    if (s.level !== section.level || s.path.slice(0, -1).join('>') !== parentPath.join('>')) continue;
    const found = analysis.findSection(s.path);
    if (found !== -1) line = doc.headings[found].end;
  }
  if (line === undefined && parentPath.length) {
    const parent = analysis.findSection(parentPath);
    if (parent !== -1) {
      const firstChild = doc.headings.findIndex((h, i) => i > parent && h.parent === parent);
      line = firstChild !== -1 ? doc.headings[firstChild].line : doc.headings[parent].end;
    }
  }
  if (line === undefined) {
    for (let k = index + 1; k < template.sections.length && line === undefined; k++) {
      const s = template.sections[k];
      if (s.level !== section.level) continue;
      const found = analysis.findSection(s.path);
      if (found !== -1) line = doc.headings[found].line;
    }
  }
  const { lines } = doc.text;
  // Never inside a fenced block or comment left open at the end: before it.
  if ((line === undefined || line >= lines.length) && doc.unclosedBlock !== -1) line = doc.unclosedBlock;
  if (line === undefined || line >= lines.length) {
    // At the end of the document, after its last non-blank line and a blank line.
    let last = lines.length - 1;
    while (last > 0 && lines[last].trim() === '') last--;
    const bom = lines[0].charCodeAt(0) === 0xfeff ? 1 : 0;
    if (lines[last].trim() === '' && lines[0].length > bom) {
      // Only whitespace: appended after spaces or a tab the heading would be indented code.
      return { line: 0, character: bom, text: body.join(eol) + eol, title: section.title };
    }
    const br = doc.text.breaks?.[last] || eol;
    const gap = lines[last].trim() === '' ? '' : br + br;
    return { line: last, character: lines[last].length, text: gap + body.join(br), title: section.title };
  }
  if (line === 0) return { line: 0, character: 0, text: body.join(eol) + eol + eol, title: section.title };
  // After the end of the line above, so the text never lands between a \r and a \n.
  const above = line - 1;
  const br = doc.text.breaks?.[above] || eol;
  const gap = lines[above].trim() === '' ? '' : br;
  return { line: above, character: lines[above].length, text: gap + br + body.join(br) + br, title: section.title };
}
