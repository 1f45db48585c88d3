/**
 * The text of a new post-mortem: the template with the title, a generated Incident ID that is
 * unique among the post-mortems already in the folder, and today's date filled in.
 */
import { slugify } from './slug';
import type { Position, Range } from 'vscode-languageserver-types';
import { analyze } from '../analysis';
import { labelKey } from '../document/normalize';
import type { TemplateModel } from '../template/templateModel';

export interface NewDocumentInput {
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Texts of the post-mortems already in the target folder. */
  existingTexts?: readonly string[];
}

export interface NewDocument {
  text: string;
  fileName: string;
  incidentId: string;
  cursor: Position;
  /** The first placeholder, to select whole: typing replaces it. */
  selection: Range;
}

export function createNewDocument(template: TemplateModel, input: NewDocumentInput): NewDocument {
  const spec = template.schema.newDocument;
  const title = input.title.replace(/[\r\n]+/g, ' ').trim();
  const lines = template.template.text.lines.slice();
  const eol = template.template.text.eol;

  const titleHeading = template.template.headings.find((h) => h.level === 1) ?? template.template.headings[0];
  if (titleHeading) {
    lines[titleHeading.line] = `${'#'.repeat(titleHeading.level)} ${spec.titlePrefix}${title}`;
  } else {
    lines.unshift(`# ${spec.titlePrefix}${title}`, '');
  }

  const existing = new Set((input.existingTexts ?? []).map((t) => readField(template, t, spec.idField)).filter(Boolean));
  const incidentId = uniqueId(spec.idFormat, input.date, existing as Set<string>);

  const fill = (label: string | undefined, value: string, mode: 'replace' | 'prefix') => {
    if (!label) return;
    const doc = analyze(lines.join(eol), template).doc;
    const field = doc.fields.find((f) => labelKey(f.label) === labelKey(label));
    if (!field) return;
    const line = lines[field.line];
    lines[field.line] =
      mode === 'replace'
        ? line.slice(0, field.valueStart) + value + line.slice(field.valueEnd)
        : line.slice(0, field.valueStart) + value + ' ' + line.slice(field.valueStart);
  };
  fill(spec.idField, incidentId, 'replace');
  fill(spec.dateField, input.date, 'prefix');

  // A new post-mortem starts at the first review status: its gaps are hints while it is written.
  const review = template.schema.review;
  if (review?.initial) lines.unshift('---', `${review.frontMatterKey}: ${review.initial}`, '---');
  const text = lines.join(eol);
  const first = analyze(text, template).doc.placeholders[0];
  return {
    text,
    fileName: `${input.date}-${slugify(title)}.md`,
    incidentId,
    cursor: first ? { line: first.line, character: first.start } : { line: 0, character: 0 },
    selection: first ? { start: { line: first.line, character: first.start }, end: { line: first.line, character: first.end } } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

function readField(template: TemplateModel, text: string, label: string | undefined): string | undefined {
  if (!label) return undefined;
  const doc = analyze(text, template).doc;
  const field = doc.fields.find((f) => labelKey(f.label) === labelKey(label));
  if (!field) return undefined;
  // "**INC-20261128-01**", "`INC-20261128-01` (reopened)": the ID is the first word inside any emphasis or code.
  const value = doc.text.lines[field.line].slice(field.valueStart, field.valueEnd);
  const word = value.replace(/^[*_`\s]+/, '').split(/[\s(]/)[0];
  return word.replace(/[*_`]+$/, '') || undefined;
}

/** The first ID of the format for a day (YYYY-MM-DD) that none of `existing` is. */
export function uniqueId(format: string, date: string, existing: ReadonlySet<string>): string {
  const compact = date.replace(/-/g, '');
  for (let seq = 1; ; seq++) {
    const id = format.replace('{date}', compact).replace('{seq}', String(seq).padStart(2, '0'));
    if (!existing.has(id)) return id;
    if (!format.includes('{seq}')) return `${id}-${seq + 1}`;
  }
}
