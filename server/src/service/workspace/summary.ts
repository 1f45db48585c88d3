/**
 * A post-mortem in a few facts, for the workspace index (host/workspaceIndex.ts), the views and
 * `postmortem-check report`: its ID, title, incident date, the values of the fields the schema
 * names for insights (Severity, Category, Detection Method), its review status, what is left to
 * fill, its metrics and its action items. Plain data with copied strings: a summary keeps
 * nothing of the text it was read from alive (a slice of a line holds the whole file).
 */
import type { ActionItem } from '../actionItems/read';
import type { Analysis } from '../analysis';
import { labelKey } from '../document/normalize';
import { metricsReport } from '../metrics/report';
import { escapeRegExp } from '../text/markdownText';
import { dayText } from '../values/date';

export interface ActionItemSummary {
  /** 0-based line of the item (its checkbox, for a list item). */
  line: number;
  text: string;
  state: ActionItem['state'];
  /** Whether the item has a checkbox to tick (a list item with `[ ]` or `[x]`). */
  checkbox: boolean;
  owner?: string;
  /** The due date, YYYY-MM-DD, when it names one day. */
  due?: string;
  ticket?: string;
  /** The horizon's section ("Immediate"). */
  horizon?: string;
}

export interface PostmortemSummary {
  id?: string;
  /** Where the ID's value is: for the duplicate-ID diagnostic and its fix. */
  idRange?: { line: number; start: number; end: number };
  title: string;
  titleLine: number;
  /** The incident's first day, YYYY-MM-DD. */
  date?: string;
  /** The insight fields' values by label (Severity: HIGH), the template's value for an alias. */
  fields: Record<string, string>;
  /** The review status (draft, in-review, final), when the front matter gives one. */
  status?: string;
  /** Template placeholders left. */
  unfilled: number;
  /** Seconds by metric name (Duration, Time to Detection...), where the timeline gives them. */
  metrics: Record<string, number>;
  actionItems: ActionItemSummary[];
}

const prefixes = new Map<string, RegExp | undefined>();

/** The template's title prefix ("Post-Mortem: ") in any case, with any dash or colon, after emoji. */
function titlePrefixPattern(prefix: string): RegExp | undefined {
  if (!prefixes.has(prefix)) {
    const words = prefix.trim().replace(/[\s:\-–—]+$/, '');
    prefixes.set(prefix, words ? new RegExp(`^[^\\p{L}\\p{N}]*${escapeRegExp(words).replace(/\\?-| /g, '[- ]?')}\\s*[:\\-–—]\\s*`, 'iu') : undefined);
  }
  return prefixes.get(prefix);
}

/** The summary of an analysed post-mortem. */
export function summarize(analysis: Analysis): PostmortemSummary {
  const { doc, template } = analysis;
  const titleHeading = doc.headings.find((h) => h.level === 1) ?? doc.headings[0];
  let title = titleHeading ? titleHeading.title : '';
  // "Post-Mortem: Checkout outage", "🎮 Post-mortem — Checkout outage": the template's prefix, however written.
  const prefix = titlePrefixPattern(template.schema.newDocument.titlePrefix);
  if (prefix) title = title.replace(prefix, '') || title;
  const summary: PostmortemSummary = {
    title: title.trim(),
    titleLine: titleHeading?.line ?? 0,
    fields: {},
    unfilled: doc.placeholders.length,
    metrics: {},
    actionItems: [],
  };

  const idLabel = template.schema.newDocument.idField;
  const insightKeys = new Map((template.schema.insights?.fields ?? []).map((label) => [labelKey(label), label]));
  for (let k = 0; k < doc.fields.length; k++) {
    const field = doc.fields[k];
    const isId = idLabel !== undefined && field.labelKey === labelKey(idLabel);
    const insight = insightKeys.get(field.labelKey);
    if (!isId && insight === undefined) continue;
    const value = analysis.fieldValue(k);
    if (!value || value.reading.state !== 'ok') continue;
    if (isId && summary.id === undefined) {
      const found = incidentIdOf(analysis);
      if (found) {
        summary.id = found.id;
        summary.idRange = found.range;
      }
    } else if (insight !== undefined && summary.fields[insight] === undefined) {
      // A choice field's value is one of its choices (the template's word for an alias); prose there groups nothing.
      const choice = value.reading.choice?.choice.value;
      if (choice !== undefined) summary.fields[insight] = choice;
      else if (value.spec.kind !== 'choice') summary.fields[insight] = value.raw.trim();
    }
  }
  if (analysis.clock.startDay !== undefined) summary.date = dayText(analysis.clock.startDay);
  if (analysis.reviewStatus) summary.status = analysis.reviewStatus.name;
  for (const metric of metricsReport(analysis).metrics) summary.metrics[metric.name] = metric.seconds;
  for (const item of analysis.actionItems.items) {
    if (item.templateExample) continue;
    const entry: ActionItemSummary = { line: item.line, text: item.text.text, state: item.state, checkbox: item.checkbox === true };
    if (item.owner && !item.owner.placeholder) entry.owner = item.owner.text;
    if (item.due?.days?.length === 1 && !item.due.loose) entry.due = dayText(item.due.days[0]);
    if (item.ticket) entry.ticket = item.ticket.text;
    if (item.horizon) entry.horizon = item.horizon.section;
    summary.actionItems.push(entry);
  }
  // One copy of the whole: its strings are then new ones, not slices that keep the file's text alive.
  return JSON.parse(JSON.stringify(summary)) as PostmortemSummary;
}

/** The Incident ID (the schema's newDocument.idField) and where its value is, when it holds an ID. */
export function incidentIdOf(analysis: Analysis): { id: string; range: { line: number; start: number; end: number } } | undefined {
  const idLabel = analysis.template.schema.newDocument.idField;
  if (idLabel === undefined) return undefined;
  const key = labelKey(idLabel);
  for (let k = 0; k < analysis.doc.fields.length; k++) {
    const field = analysis.doc.fields[k];
    if (field.labelKey !== key) continue;
    const value = analysis.fieldValue(k);
    if (!value || value.reading.state !== 'ok') return undefined;
    const id = value.reading.id ?? value.raw.trim().split(/\s/)[0];
    const at = Math.max(0, value.raw.indexOf(id));
    return { id, range: { line: field.line, start: value.start + at, end: value.start + at + id.length } };
  }
  return undefined;
}

