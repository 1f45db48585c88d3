/**
 * A parsed document together with what the template says about it: the unit every feature of
 * the service works on. Built once per document version and shared by diagnostics, completion
 * and code actions; what it reads (field values, the incident clock, the timeline's order,
 * whether it is a post-mortem) is read once, when first asked for.
 */
import { incidentClock, placeTimeline, type IncidentClock, type PlacementMemo, type TimelineOrder } from './document/clock';
import { detectPostmortem, type Detection } from './document/detection';
import { parseDocument, type LineFactsMemo } from './document/parse';
import type { FieldLine, ParsedDocument, Placeholder } from './document/model';
import { headingKey } from './document/normalize';
import { findTimeline, type Timeline } from './document/timeline';
import { incidentMetrics, type IncidentMetrics } from './metrics/incidentMetrics';
import type { FieldPart, FieldSpec, ReviewStatusSpec } from './template/schema';
import type { TemplateModel } from './template/templateModel';
import { readActionItems, type ActionItems, type ActionItemsMemo } from './actionItems/read';
import type { LineText } from './text/lines';
import { escapeRegExp, isWhitespace } from './text/markdownText';
import { findWholeWord } from './text/wholeWords';
import { readFieldValue, type DateOrder, type FieldReading } from './values';

export interface AnalysisOptions {
  /** How a numeric date whose day and month could be swapped (03/04/2026) is read (`postmortem.dateOrder`). */
  dateOrder?: DateOrder;
  /** The text is the outline of a document of this many characters, too large to check (see session.ts). */
  tooLarge?: number;
  /** Leave out what only the blameless-language rule reads (the workspace index summarises files it does not check). */
  withoutBlameless?: boolean;
}

/** A field's value, or one labelled part of it, where it is on its line and what it reads as. */
export interface ValueSpan {
  start: number;
  end: number;
  /** The text of the value. */
  raw: string;
  /** What it reads as; `placeholder` while a template placeholder or blank is in it. */
  reading: FieldReading | { state: 'placeholder' };
}

export interface FieldValue extends ValueSpan {
  spec: FieldSpec;
  /** The labelled parts after the value ("Date: 2026-03-16" on a signature line), where present. */
  parts: (ValueSpan & { part: FieldPart; labelStart: number })[];
}

export interface Analysis {
  readonly doc: ParsedDocument;
  readonly template: TemplateModel;
  readonly dateOrder: DateOrder;
  /** Characters in the document, when it is too large to check and this is the analysis of its outline. */
  readonly tooLarge: number | undefined;
  /** The timeline tables, if the document has any. */
  readonly timeline: Timeline | undefined;
  /** What Date/Time says of the incident's start, end and days. */
  readonly clock: IncidentClock;
  /** The timeline's rows on the incident's clock, and which are out of order. */
  readonly timelineOrder: TimelineOrder | undefined;
  /** The incident's start, end and metrics, from Date/Time and the timeline's milestones. */
  readonly metrics: IncidentMetrics;
  /** The review status its front matter gives (`status: draft`), when the template has it among its statuses. */
  readonly reviewStatus: ReviewStatusSpec | undefined;
  /** The action items of its Action Items section: state, text, owner, due date, ticket and horizon. */
  readonly actionItems: ActionItems;
  /** Whether the document's own text (front matter, headings, fields) makes it a post-mortem, and why. */
  readonly detection: Detection;
  /** Whether the document's structure (or front matter) makes it a post-mortem. */
  readonly looksLikePostmortem: boolean;
  /** What the schema says of field `index`, if anything. */
  fieldSpec(index: number): FieldSpec | undefined;
  /** Field `index`'s value read by its kind, if the schema describes the field. */
  fieldValue(index: number): FieldValue | undefined;
  /** Heading keys from the top-level section down to heading `index`. */
  sectionPath(index: number): string[];
  /** Placeholders on one line, in order. */
  placeholdersOnLine(line: number): readonly Placeholder[];
  /** Heading index of the section named by a path of heading keys, or -1. */
  findSection(path: readonly string[]): number;
}

/**
 * `memo`: the line facts of an earlier analysis of these lines under the same template (a
 * DocumentSession's), reused for the lines unchanged since and filled in for the others;
 * `placementMemo`: its last timeline placement; `actionItemsMemo`: its last action items.
 */
export function analyze(
  text: string | LineText,
  template: TemplateModel,
  options: AnalysisOptions = {},
  memo?: LineFactsMemo,
  placementMemo?: PlacementMemo,
  actionItemsMemo?: ActionItemsMemo,
): Analysis {
  const doc = parseDocument(
    text,
    {
      isPlaceholder: template.isPlaceholder,
      mayBlame: options.withoutBlameless ? undefined : template.blameless?.holdsPhrase,
      frontMatterKey: template.schema.detection.frontMatterKey,
      statusKey: template.schema.review?.frontMatterKey,
      sectionKeyOf: template.sectionKeyOf,
    },
    memo,
  );
  const dateOrder = options.dateOrder ?? 'auto';
  let timeline: Timeline | undefined | null = null;
  let clock: IncidentClock | undefined;
  let order: TimelineOrder | undefined | null = null;
  let detection: Detection | undefined;
  let metrics: IncidentMetrics | undefined;
  let actionItems: ActionItems | undefined;
  /** Field specs by field index, resolved when first asked for (null: resolved to none). */
  const specs: (FieldSpec | null | undefined)[] = new Array(doc.fields.length);
  const values: (FieldValue | null | undefined)[] = new Array(doc.fields.length);
  let byLine: Map<number, Placeholder[]> | undefined;

  const analysis: Analysis = {
    doc,
    template,
    dateOrder,
    tooLarge: options.tooLarge,
    get timeline() {
      if (timeline === null) timeline = findTimeline(doc, template.schema.timeline, template.exampleRows, memo);
      return timeline;
    },
    get clock() {
      if (!clock) {
        const index = doc.fields.findIndex((_, k) => analysis.fieldSpec(k)?.kind === 'datetime');
        const value = index === -1 ? undefined : analysis.fieldValue(index);
        // What is written of it counts, before its end is filled in ("2026-09-03 14:02 - [END TIME]").
        const reading = value?.reading.state === 'placeholder' ? readFieldValue(value.spec, withoutPlaceholders(analysis, doc.fields[index].line, value)) : value?.reading;
        // A range that ends before it starts still says when the incident started.
        const range = reading?.state === 'ok' || reading?.state === 'invalid' ? reading.range : undefined;
        clock = incidentClock(range?.start, range?.end, dateOrder);
      }
      return clock;
    },
    get timelineOrder() {
      // The order the timeline states for its own dates comes before the setting.
      if (order === null) order = analysis.timeline ? placeTimeline(analysis.timeline, analysis.clock, analysis.timeline.dateOrder ?? dateOrder, placementMemo) : undefined;
      return order;
    },
    get metrics() {
      metrics ??= incidentMetrics(analysis);
      return metrics;
    },
    get reviewStatus() {
      return reviewStatusOf(template, doc.frontMatterStatus?.value);
    },
    get actionItems() {
      actionItems ??= readActionItems(analysis, memo, actionItemsMemo);
      return actionItems;
    },
    get detection() {
      detection ??= detectPostmortem(analysis);
      return detection;
    },
    get looksLikePostmortem() {
      return analysis.detection.postmortem;
    },
    fieldSpec(index: number) {
      let spec = specs[index];
      if (spec === undefined) specs[index] = spec = resolveField(doc.fields[index], doc, template) ?? null;
      return spec ?? undefined;
    },
    fieldValue(index: number) {
      let value = values[index];
      if (value === undefined) {
        const spec = analysis.fieldSpec(index);
        values[index] = value = spec ? readField(analysis, index, spec, memo) : null;
      }
      return value ?? undefined;
    },
    sectionPath(index: number) {
      const path: string[] = [];
      for (let k = index; k !== -1; k = doc.headings[k].parent) path.unshift(doc.headings[k].key);
      return path;
    },
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
  return analysis;
}

/** A value's text with its placeholders blanked out. */
function withoutPlaceholders(analysis: Analysis, line: number, value: ValueSpan): string {
  let text = value.raw;
  for (const p of analysis.placeholdersOnLine(line)) {
    if (p.start < value.start || p.end > value.start + text.length) continue;
    text = text.slice(0, p.start - value.start) + ' '.repeat(p.end - p.start) + text.slice(p.end - value.start);
  }
  return text;
}

/** A value is read no further than this: a field's value is short, and a pasted megabyte must not cost every keystroke. */
const maxValueLength = 2000;

/**
 * A field's value, read once per line: an edited document keeps each line's facts, with the
 * value read last time (a function of the line's text, its field's place and its spec; the
 * line's placeholders are the template's, which the facts belong to).
 */
function readField(analysis: Analysis, index: number, spec: FieldSpec, memo: LineFactsMemo | undefined): FieldValue {
  const field = analysis.doc.fields[index];
  const line = analysis.doc.text.lines[field.line];
  const facts = memo?.[field.line];
  const kept = facts !== undefined && facts.text === line ? facts : undefined;
  const place = `${field.style}${field.valueStart}`;
  if (kept?.fieldValue?.spec === spec && kept.fieldValue.place === place) return kept.fieldValue.value as FieldValue;
  const value = readFieldOnLine(analysis, index, spec, line);
  if (kept) kept.fieldValue = { spec, place, value };
  return value;
}

function readFieldOnLine(analysis: Analysis, index: number, spec: FieldSpec, line: string): FieldValue {
  const field = analysis.doc.fields[index];
  const placeholders = analysis.placeholdersOnLine(field.line);
  const span = (start: number, end: number, kind: FieldSpec): ValueSpan => {
    const [s, e] = trimmed(line, start, end);
    const raw = line.slice(s, Math.min(e, s + maxValueLength));
    const placeholder = placeholders.some((p) => p.start >= s && p.start < e);
    return { start: s, end: e, raw, reading: placeholder ? { state: 'placeholder' } : readFieldValue(kind, raw) };
  };
  const parts: FieldValue['parts'] = [];
  let end = field.valueEnd;
  if (spec.parts?.length && field.valueEnd > field.valueStart) {
    const found = partLabels(line, field.valueStart, field.valueEnd, spec.parts);
    for (let k = 0; k < found.length; k++) {
      const { part, labelStart, valueStart } = found[k];
      const valueEnd = k + 1 < found.length ? found[k + 1].labelStart : field.valueEnd;
      parts.push({ ...span(valueStart, valueEnd, partSpec(spec, part)), part, labelStart });
    }
    if (found.length) end = found[0].labelStart;
  }
  return { ...span(field.valueStart, end, spec), spec, parts };
}

/** A part as a field spec of its own, so the one reader reads it ("Incident Commander date"). */
const partSpecs = new WeakMap<FieldPart, FieldSpec>();
function partSpec(spec: FieldSpec, part: FieldPart): FieldSpec {
  let partField = partSpecs.get(part);
  if (!partField) partSpecs.set(part, (partField = { label: `${spec.label} ${part.label.toLowerCase()}`, kind: part.kind }));
  return partField;
}

const partLabelPatterns = new WeakMap<FieldPart, RegExp>();
/** A part's label and its colon ("Date :"), case-insensitive, found as a whole word (findWholeWord). */
function partLabelPattern(part: FieldPart): RegExp {
  let pattern = partLabelPatterns.get(part);
  if (!pattern) partLabelPatterns.set(part, (pattern = new RegExp(`${escapeRegExp(part.label)}\\s*:`, 'giu')));
  return pattern;
}

/** Where the parts' labels ("Date:") are in a value, in order. */
function partLabels(line: string, from: number, to: number, parts: readonly FieldPart[]): { part: FieldPart; labelStart: number; valueStart: number }[] {
  const found: { part: FieldPart; labelStart: number; valueStart: number }[] = [];
  const value = line.slice(from, to);
  for (const part of parts) {
    const m = findWholeWord(partLabelPattern(part), value, false);
    if (m) found.push({ part, labelStart: from + m.start, valueStart: from + m.end });
  }
  return found.sort((a, b) => a.labelStart - b.labelStart);
}

/** [start, end) without white space at either end (a regular expression's \s). */
function trimmed(line: string, start: number, end: number): [number, number] {
  while (start < end && isWhitespace(line.charCodeAt(start))) start++;
  while (end > start && isWhitespace(line.charCodeAt(end - 1))) end--;
  return [start, end];
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
  const candidates = template.fieldsByLabel.get(field.labelKey);
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

/** The template's status named `written` ("Draft", "in review" and "in_review" alike), if any. */
export function reviewStatusOf(template: TemplateModel, written: string | undefined): ReviewStatusSpec | undefined {
  if (written === undefined) return undefined;
  const key = statusKey(written);
  return template.schema.review?.statuses.find((s) => statusKey(s.name) === key || s.aliases.some((alias) => statusKey(alias) === key));
}

function statusKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
