/**
 * Everything the service knows about a template, derived from the template's Markdown and its
 * YAML schema: which bracket texts are placeholders, which sections exist and are required,
 * and what each field means.
 */
import { parseDocument } from '../document/parse';
import type { ParsedDocument } from '../document/model';
import { headingKey, labelKey, placeholderKey } from '../document/normalize';
import { readSchema, type FieldSpec, type SchemaSource, type TemplateSchema } from './schema';

export interface TemplateSection {
  /** Heading keys from the top-level section down to this one (the title above is left out). */
  path: string[];
  title: string;
  level: number;
  /** The section's Markdown in the template, heading included, without its subsections' text when `withChildren` is false. */
  startLine: number;
  endLine: number;
}

export interface RequiredSection {
  /** As written in the schema ("Incident Summary > What Happened?"). */
  name: string;
  /** Heading keys, outermost first. */
  path: string[];
}

export interface TemplateModel {
  readonly schema: TemplateSchema;
  readonly templateText: string;
  readonly template: ParsedDocument;
  readonly placeholderKeys: ReadonlySet<string>;
  readonly isPlaceholder: (text: string) => boolean;
  /** Keys of the template's top-level sections, in order (the level of the first ## heading). */
  readonly topSectionKeys: string[];
  readonly topLevel: number;
  readonly requiredSections: RequiredSection[];
  /** Fields by label key. */
  readonly fieldsByLabel: ReadonlyMap<string, FieldSpec[]>;
  /** Sections of the template, in order. */
  readonly sections: TemplateSection[];
}

const bracketPattern = /\[([^[\]\n]*)\]/g;

/** `schema`: the schema's YAML text, or its data already read (see readSchema). */
export function createTemplateModel(templateText: string, schemaSource: SchemaSource, schemaFileName = 'schema'): TemplateModel {
  const schema = readSchema(schemaSource, schemaFileName);
  const placeholderKeys = collectPlaceholderKeys(templateText);
  const template = parseDocument(templateText, {
    isPlaceholder: placeholderTest(placeholderKeys),
    frontMatterKey: schema.detection.frontMatterKey,
  });

  const levels = template.headings.map((h) => h.level).filter((l) => l > 1);
  const topLevel = levels.length ? Math.min(...levels) : 2;
  const topSectionKeys = template.headings.filter((h) => h.level === topLevel).map((h) => h.key);

  const sections: TemplateSection[] = template.headings.map((h) => {
    const path: string[] = [];
    // The document title (above the top level) is the author's own: paths start below it.
    for (let k: number = template.headings.indexOf(h); k !== -1 && template.headings[k].level >= topLevel; k = template.headings[k].parent) {
      path.unshift(template.headings[k].key);
    }
    return { path, title: h.title, level: h.level, startLine: h.line, endLine: h.end };
  });

  const fieldsByLabel = new Map<string, FieldSpec[]>();
  for (const field of schema.fields) {
    const key = labelKey(field.label);
    fieldsByLabel.set(key, [...(fieldsByLabel.get(key) ?? []), field]);
  }

  const requiredSections = schema.requiredSections.map((name) => ({
    name,
    path: name.split('>').map((part) => headingKey(part)),
  }));

  return {
    schema,
    templateText,
    template,
    placeholderKeys,
    isPlaceholder: placeholderTest(placeholderKeys),
    topSectionKeys,
    topLevel,
    requiredSections,
    fieldsByLabel,
    sections,
  };
}

/**
 * Whether a bracket text is one of the template's placeholders. Answers are remembered: the
 * same texts come back on every keystroke. The memory is bounded for documents of many distinct
 * bracket texts (logs).
 */
export function placeholderTest(keys: ReadonlySet<string>): (text: string) => boolean {
  let known = new Map<string, boolean>();
  return (text) => {
    let answer = known.get(text);
    if (answer === undefined) {
      answer = keys.has(placeholderKey(text));
      if (known.size > 20000) known = new Map();
      known.set(text, answer);
    }
    return answer;
  };
}

/** Bracket texts of the template, other than links, images, footnotes and task boxes. */
function collectPlaceholderKeys(templateText: string): Set<string> {
  const keys = new Set<string>();
  for (const line of templateText.split(/\r\n|\r|\n/)) {
    bracketPattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = bracketPattern.exec(line)) !== null) {
      const inner = m[1];
      const before = line.charCodeAt(m.index - 1);
      const after = line.charCodeAt(m.index + m[0].length);
      if (before === 33 || before === 93 || after === 40 || after === 91) continue;
      if (inner.trim() === '' || /^[xX]$/.test(inner) || inner.startsWith('^')) continue;
      keys.add(placeholderKey(inner));
    }
  }
  return keys;
}
