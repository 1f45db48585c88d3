/**
 * A parsed document together with what the template says about it: the unit every feature of
 * the service works on. Built once per document version and shared by diagnostics, completion
 * and code actions.
 */
import { parseDocument } from './document/parse';
import type { FieldLine, ParsedDocument, Placeholder } from './document/model';
import { headingKey, labelKey } from './document/normalize';
import { findTimeline, type Timeline } from './document/timeline';
import type { FieldSpec } from './template/schema';
import type { TemplateModel } from './template/templateModel';
import type { LineText } from './text/lines';

export interface Analysis {
  readonly doc: ParsedDocument;
  readonly template: TemplateModel;
  /** The timeline table, if the document has one. */
  readonly timeline: Timeline | undefined;
  /** Whether the document's structure (or front matter) makes it a post-mortem. */
  readonly looksLikePostmortem: boolean;
  /** What the schema says of field `index`, if anything. */
  fieldSpec(index: number): FieldSpec | undefined;
  /** Heading keys from the top-level section down to heading `index`. */
  sectionPath(index: number): string[];
  /** Placeholders on one line, in order. */
  placeholdersOnLine(line: number): readonly Placeholder[];
  /** Heading index of the section named by a path of heading keys, or -1. */
  findSection(path: readonly string[]): number;
}

export function analyze(text: string | LineText, template: TemplateModel): Analysis {
  const doc = parseDocument(text, {
    isPlaceholder: template.isPlaceholder,
    frontMatterKey: template.schema.detection.frontMatterKey,
  });
  let timeline: Timeline | undefined | null = null;
  /** Field specs by field index, resolved when first asked for (null: resolved to none). */
  const specs: (FieldSpec | null | undefined)[] = new Array(doc.fields.length);
  let byLine: Map<number, Placeholder[]> | undefined;

  const sectionPath = (index: number): string[] => {
    const path: string[] = [];
    for (let k = index; k !== -1; k = doc.headings[k].parent) path.unshift(doc.headings[k].key);
    return path;
  };

  return {
    doc,
    template,
    get timeline() {
      if (timeline === null) timeline = findTimeline(doc, template.schema.timeline);
      return timeline;
    },
    looksLikePostmortem: looksLikePostmortem(doc, template),
    fieldSpec(index: number) {
      let spec = specs[index];
      if (spec === undefined) specs[index] = spec = resolveField(doc.fields[index], doc, template) ?? null;
      return spec ?? undefined;
    },
    sectionPath,
    placeholdersOnLine(line: number) {
      if (!byLine) {
        byLine = new Map();
        for (const p of doc.placeholders) {
          const list = byLine.get(p.line);
          if (list) list.push(p);
          else byLine.set(p.line, [p]);
        }
      }
      return byLine.get(line) ?? [];
    },
    findSection(path: readonly string[]) {
      return findSection(doc, path);
    },
  };
}

/**
 * The heading whose key is the path's last element and whose ancestors include the others, in
 * order (not necessarily as direct parents, so an author's extra heading level does not hide it).
 */
export function findSection(doc: ParsedDocument, path: readonly string[]): number {
  const last = path[path.length - 1];
  for (let i = 0; i < doc.headings.length; i++) {
    if (doc.headings[i].key !== last) continue;
    let want = path.length - 2;
    for (let k = doc.headings[i].parent; k !== -1 && want >= 0; k = doc.headings[k].parent) {
      if (doc.headings[k].key === path[want]) want--;
    }
    if (want < 0) return i;
  }
  return -1;
}

function resolveField(field: FieldLine, doc: ParsedDocument, template: TemplateModel): FieldSpec | undefined {
  const candidates = template.fieldsByLabel.get(labelKeyOf(field.label));
  if (!candidates) return undefined;
  for (const spec of candidates) {
    if (spec.section === undefined) return spec;
    const wanted = sectionKeyOf(spec);
    for (let k = field.section; k !== -1; k = doc.headings[k].parent) {
      if (doc.headings[k].key === wanted && k !== fieldHeading(field, doc)) return spec;
    }
  }
  return undefined;
}

/**
 * Keys of field labels, remembered: a document repeats a few labels on every analysis (the memory
 * is bounded for documents of many distinct labels).
 */
let labelKeys = new Map<string, string>();
function labelKeyOf(label: string): string {
  let key = labelKeys.get(label);
  if (key === undefined) {
    if (labelKeys.size > 10000) labelKeys = new Map();
    key = labelKey(label);
    labelKeys.set(label, key);
  }
  return key;
}

/** The heading key of a field spec's section, made once per spec. */
const sectionKeys = new WeakMap<FieldSpec, string>();
function sectionKeyOf(spec: FieldSpec): string {
  let key = sectionKeys.get(spec);
  if (key === undefined) {
    key = headingKey(spec.section ?? '');
    sectionKeys.set(spec, key);
  }
  return key;
}

/** A heading that is itself a field ("### Review Date: ...") is not its own section. */
function fieldHeading(field: FieldLine, doc: ParsedDocument): number {
  return field.style === 'heading' ? field.section : -2;
}

function looksLikePostmortem(doc: ParsedDocument, template: TemplateModel): boolean {
  if (doc.frontMatterFlag !== undefined) return doc.frontMatterFlag;
  const wanted = template.topSectionKeys;
  if (wanted.length === 0) return false;
  const present = new Set<string>();
  for (const h of doc.headings) present.add(h.key);
  let found = 0;
  for (const key of wanted) if (present.has(key)) found++;
  return found / wanted.length >= template.schema.detection.minSectionShare;
}
