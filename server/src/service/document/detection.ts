/**
 * Whether a document is a post-mortem by its own text, and why: its front matter, its headings
 * (the template's sections under any numbering, case or other name), and the template's fields
 * in place. The one detection: the server adds only what it knows of files (postmortem.files,
 * postmortem.folder), and postmortem-check uses it as it is.
 */
import type { FieldSpec } from '../template/schema';
import type { TemplateModel } from '../template/templateModel';
import type { ParsedDocument } from './model';

/** What detection reads of an analysis (analysis.ts). */
export interface DetectionInput {
  readonly doc: ParsedDocument;
  readonly template: TemplateModel;
  fieldSpec(index: number): FieldSpec | undefined;
}

export type Detection =
  | { postmortem: boolean; by: 'front-matter'; key: string }
  | { postmortem: true; by: 'files'; pattern: string }
  | { postmortem: true; by: 'folder'; folder: string }
  | { postmortem: true; by: 'sections'; sections: Count; required: Count; fields: number }
  | { postmortem: true; by: 'required-sections'; sections: Count; required: Count; fields: number }
  | { postmortem: true; by: 'required-and-fields'; sections: Count; required: Count; fields: number }
  | { postmortem: false; by: 'structure'; sections: Count; required: Count; fields: number };

export interface Count {
  found: number;
  of: number;
}

/** What the host knows of the file's place: the `postmortem.files` pattern it matches, the post-mortem folder it is in. */
export interface PlaceHints {
  pattern?: string;
  folder?: string;
}

/**
 * Whether a document is a post-mortem, and why: its front matter first (`postmortem: false`
 * turns the checks off wherever the file is), then where the file is, then its own structure.
 */
export function classify(analysis: { readonly detection: Detection }, hints: PlaceHints = {}): Detection {
  const own = analysis.detection;
  if (own.by === 'front-matter') return own;
  if (hints.pattern !== undefined) return { postmortem: true, by: 'files', pattern: hints.pattern };
  if (hints.folder !== undefined) return { postmortem: true, by: 'folder', folder: hints.folder };
  return own;
}

/** What the document's own text says: front matter, headings and fields. */
export function detectPostmortem(analysis: DetectionInput): Detection {
  const { doc, template } = analysis;
  const { detection } = template.schema;
  if (doc.frontMatterFlag !== undefined) return { postmortem: doc.frontMatterFlag, by: 'front-matter', key: detection.frontMatterKey };
  const present = new Set<string>();
  for (const h of doc.headings) present.add(h.key);
  const top = template.topSectionKeys;
  const sections = { found: top.filter((k) => present.has(k)).length, of: top.length };
  const requiredTop = template.requiredSections.filter((r) => r.path.length === 1).map((r) => r.path[0]);
  const required = { found: requiredTop.filter((k) => present.has(k)).length, of: requiredTop.length };
  const specs = new Set<unknown>();
  for (let k = 0; k < doc.fields.length; k++) {
    const spec = analysis.fieldSpec(k);
    if (spec) specs.add(spec);
  }
  const fields = specs.size;
  const counts = { sections, required, fields };
  if (sections.of > 0 && sections.found / sections.of >= detection.minSectionShare) return { postmortem: true, by: 'sections', ...counts };
  if (required.of > 0 && required.found === required.of) return { postmortem: true, by: 'required-sections', ...counts };
  if (required.of > 0 && required.found / required.of >= detection.minRequiredShare && fields >= detection.minFields && fields > 0) {
    return { postmortem: true, by: 'required-and-fields', ...counts };
  }
  return { postmortem: false, by: 'structure', ...counts };
}

/** Why a document is or is not a post-mortem, in a sentence for the status bar and the CLI. */
export function describeDetection(detection: Detection, analysis: { readonly template: TemplateModel }): string {
  const { schema } = analysis.template;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  switch (detection.by) {
    case 'front-matter':
      return `Its front matter says ${detection.key}: ${detection.postmortem}.`;
    case 'files':
      return `It matches ${detection.pattern} in the postmortem.files setting.`;
    case 'folder':
      return `It is in ${detection.folder}/, the folder New Post-Mortem writes to (postmortem.folder).`;
    case 'sections':
      return `It has ${detection.sections.found} of the template's ${detection.sections.of} sections.`;
    case 'required-sections':
      return `It has all ${detection.required.of} of the template's required sections.`;
    case 'required-and-fields':
      return `It has ${detection.required.found} of the template's ${detection.required.of} required sections and ${plural(detection.fields, 'field')} of the template in place.`;
    case 'structure': {
      const needed = Math.ceil(detection.sections.of * schema.detection.minSectionShare);
      return (
        `It has ${detection.sections.found} of the template's ${detection.sections.of} sections, ${detection.required.found} of its ${detection.required.of} required ones and ${plural(detection.fields, 'field')} in place. ` +
        `A Markdown file is checked when it has at least ${needed} of the sections, all the required ones, or ${Math.ceil(detection.required.of * schema.detection.minRequiredShare)} required ones and ${plural(schema.detection.minFields, 'field')}; ` +
        `or when its front matter says ${schema.detection.frontMatterKey}: true.`
      );
    }
  }
}
