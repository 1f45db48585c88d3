/**
 * Everything the service knows about a template, derived from the template's Markdown and its
 * YAML schema: which bracket texts are placeholders, which sections exist and are required,
 * and what each field means.
 */
import { parseDocument } from '../document/parse';
import type { ParsedDocument } from '../document/model';
import { headingKey, labelKey, placeholderKey } from '../document/normalize';
import { isWhitespace } from '../text/markdownText';
import { findTimeline } from '../document/timeline';
import { compileBlameless, type BlamelessMatcher } from '../language/blameless';
import type { FieldSpec, TemplateSchema } from './schema';

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
  /** The key a document's heading is compared with: its own key, or the section's it is another name of ("summary" is "incident summary"). */
  readonly sectionKeyOf: (title: string) => string;
  /** The template's own timeline rows: time and event keys, as the template writes them ("00:05", "alert triggered"). */
  readonly exampleRows: readonly { time: string; event: string }[];
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
  /**
   * The template's example list items and table rows (lines whose placeholders sit in an item or
   * a cell, as `- [ ] [Action item] - [Owner] - [Due date]`), by the key of the heading they are
   * under, as exampleLineKey writes them: a document line still equal to one is untouched, under
   * a heading of that key wherever the author put it.
   */
  readonly exampleLines: ReadonlyMap<string, ReadonlySet<string>>;
  /** The schema's blaming phrases, compiled (none without `blameless`). */
  readonly blameless: BlamelessMatcher | undefined;
}

/**
 * A line as exampleLines holds it: without the spaces around it. (Untouched, a line has the
 * template's own spacing inside; it is read on every line of every list, so no more than that.)
 */
export function exampleLineKey(line: string): string {
  return line.trim();
}

const bracketPattern = /\[([^[\]\n]*)\]/g;

/**
 * The model of a template whose schema is already read and checked (schemaFromData, or
 * createTemplateModel in schemaYaml.ts from YAML).
 */
export function templateModelOf(templateText: string, schema: TemplateSchema): TemplateModel {
  const placeholderKeys = collectPlaceholderKeys(templateText);
  const template = parseDocument(templateText, {
    isPlaceholder: placeholderTest(placeholderKeys),
    frontMatterKey: schema.detection.frontMatterKey,
  });
  const aliases = new Map<string, string>();
  for (const [name, names] of Object.entries(schema.sectionAliases)) {
    for (const alias of names) aliases.set(headingKey(alias), headingKey(name));
  }
  // Remembered: a document's headings come back on every keystroke (bounded for documents of many).
  let known = new Map<string, string>();
  const sectionKeyOf = (title: string) => {
    let key = known.get(title);
    if (key === undefined) {
      const own = headingKey(title);
      key = aliases.get(own) ?? own;
      if (known.size > 10000) known = new Map();
      known.set(title, key);
    }
    return key;
  };

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
  const add = (field: FieldSpec) => {
    const key = labelKey(field.label);
    fieldsByLabel.set(key, [...(fieldsByLabel.get(key) ?? []), field]);
  };
  for (const field of schema.fields) add(field);
  // The template's other field lines that ask for a value ("**Primary Cause**: [Detailed
  // explanation]") are text fields: left empty or "TBD", they are unfilled too.
  for (const field of template.fields) {
    if (!field.hasPlaceholder) continue;
    const section = field.style === 'heading' ? template.headings[field.section].parent : field.section;
    if (section < 0) continue;
    const described = (fieldsByLabel.get(labelKey(field.label)) ?? []).some((spec) => {
      if (spec.section === undefined) return true;
      const key = headingKey(spec.section);
      for (let k = section; k !== -1; k = template.headings[k].parent) if (template.headings[k].key === key) return true;
      return false;
    });
    if (!described) add({ label: field.label, section: template.headings[section].title, kind: 'text' });
  }

  const requiredSections = schema.requiredSections.map((name) => ({
    name,
    path: name.split('>').map((part) => headingKey(part)),
  }));

  const exampleLines = new Map<string, Set<string>>();
  for (const p of template.placeholders) {
    if ((p.owner.type !== 'item' && p.owner.type !== 'cell') || p.section < 0) continue;
    const key = template.headings[p.section].key;
    let lines = exampleLines.get(key);
    if (!lines) exampleLines.set(key, (lines = new Set()));
    lines.add(exampleLineKey(template.text.lines[p.line]));
  }

  return {
    schema,
    sectionKeyOf,
    exampleLines,
    blameless: compileBlameless(schema.blameless),
    exampleRows: exampleRowsOf(template, schema),
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

/** The template's timeline rows, as time and event keys. */
function exampleRowsOf(template: ParsedDocument, schema: TemplateSchema): { time: string; event: string }[] {
  const timeline = findTimeline(template, schema.timeline);
  if (!timeline) return [];
  return timeline.tables.flatMap(({ columns, rows }) =>
    rows.flatMap(({ row }) => {
      const line = template.text.lines[row.line];
      const time = row.cells[columns.time];
      const event = row.cells[columns.event];
      return time && event ? [{ time: line.slice(time.start, time.end).trim(), event: labelKey(line.slice(event.start, event.end)) }] : [];
    }),
  );
}

/**
 * Whether a bracket text is one of the template's placeholders. Answers are remembered: the
 * same texts come back on every keystroke. The memory is bounded for documents of many distinct
 * bracket texts (logs). Most bracket texts that are no placeholder ([2026-11-21T20:06:55.619Z],
 * [WARN] in logs) are told at once by their first and last characters, without a key or a look-up.
 */
export function placeholderTest(keys: ReadonlySet<string>): (text: string) => boolean {
  const ends = new Set<number>();
  for (const key of keys) if (key) ends.add(key.charCodeAt(0) * 0x10000 + key.charCodeAt(key.length - 1));
  let known = new Map<string, boolean>();
  return (text) => {
    const textEnds = keyEnds(text);
    if (textEnds !== -1 && !ends.has(textEnds)) return false;
    let answer = known.get(text);
    if (answer === undefined) {
      answer = keys.has(placeholderKey(text));
      if (known.size > 20000) known = new Map();
      known.set(text, answer);
    }
    return answer;
  };
}

/**
 * The first and last characters that placeholderKey(text) would have (first * 0x10000 + last),
 * when both come from ASCII characters, so are known without making the key; else -1.
 */
function keyEnds(text: string): number {
  let first = 0;
  let last = text.length - 1;
  while (first <= last && isWhitespace(text.charCodeAt(first))) first++;
  while (last > first && isWhitespace(text.charCodeAt(last))) last--;
  if (first > last) return -1;
  const a = asciiKeyChar(text.charCodeAt(first));
  const b = asciiKeyChar(text.charCodeAt(last));
  return a === -1 || b === -1 ? -1 : a * 0x10000 + b;
}

/** An ASCII character as placeholderKey leaves it (lower case, a digit as #), or -1 for any other. */
function asciiKeyChar(code: number): number {
  if (code >= 128) return -1;
  if (code >= 65 && code <= 90) return code + 32;
  if (code >= 48 && code <= 57) return 35;
  return code;
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
