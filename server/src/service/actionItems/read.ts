/**
 * The one reader of a post-mortem's action items: every item of the Action Items section (or a
 * section the schema names as another name of it, "Follow-ups", "Next Steps"), written as a list
 * item (`- [ ] Add an alert - @alice - 2026-12-05`, `— Owner: Alice — Due: Dec 5 — [ENG-12](…)`,
 * `(owner: @alice, due 12/05)`, with sub-bullets) or as a table row (Action / Owner / Due /
 * Ticket / Status columns in any names and order, as the schema's actionItems.columns list).
 *
 * What it reads: the state (a checkbox, a Status cell, "done 9/15 ✅", a struck-through item),
 * the action's text, the owner, the due date (any date the value reader reads, a date without a
 * year placed after the incident, "+7d" from the incident's day, or words such as "EOW" that
 * say when without a date), a ticket (a link, or an ID such as JIRA-123, #456), and the horizon
 * of the subsection it is in (Immediate: 24 hours, as the schema declares).
 *
 * Lenient where a rule would report something missing (an @handle or a date anywhere in the
 * item counts as there), strict where a rule would call a date wrong (only a date in the due
 * place, or under a due label, is checked): a false alarm costs more than a missed hint.
 */
import type { IncidentClock } from '../document/clock';
import type { LineFacts } from '../document/lineFacts';
import type { LineFactsMemo } from '../document/parse';
import { LineKind, type ParsedDocument, type Placeholder } from '../document/model';
import type { Timeline } from '../document/timeline';
import { headingKey, placeholderKey } from '../document/normalize';
import type { ActionItemColumn, ActionItemsSpec, HorizonSpec } from '../template/schema';
import { exampleLineKey, type TemplateModel } from '../template/templateModel';
import { escapeRegExp, isWhitespace, maskCommentsAndCode } from '../text/markdownText';
import { dayNumber, daysInMonth, findDates, type DateOrder, type DateParts, type FoundDate } from '../values/date';
import { notApplicable, notYetKnown } from '../values/status';

/** A part of an item as written: where it is and its text. */
export interface ItemPart {
  line: number;
  start: number;
  end: number;
  text: string;
  /** It is still a template placeholder (`[Owner]`). */
  placeholder?: true;
}

export interface DueDate extends ItemPart {
  /**
   * The day it names (days since 1970): one, or both readings of a date whose day and month could
   * be swapped; none for words that say when without a date ("EOW", "next sprint"), a relative
   * date without the incident's date, or a date that does not exist.
   */
  days?: number[];
  /** Found in the item's text, not in its due place or under a due label: it counts as there, but is not checked. */
  loose?: true;
  /** What is written, before it is put on the calendar: a date (both readings of one that reads both ways), or a number of days, weeks or months after the incident. */
  readings?: DateParts[];
  relative?: { n: number; unit: 'h' | 'd' | 'w' | 'mo' };
}

export type ItemState = 'open' | 'done' | 'unknown';

export interface ActionItem {
  form: 'list' | 'table';
  /** The item's first line, and its last (sub-bullets and continuation lines included). */
  line: number;
  lastLine: number;
  /** Open (an unticked box, a Status that says so), done, or neither said. */
  state: ItemState;
  /** A list item with a box to tick (`- [ ]`, `- [x]`). */
  checkbox?: true;
  /** The action's text (for a table row, its Action cell). */
  text: ItemPart;
  owner?: ItemPart;
  due?: DueDate;
  /** When it was done, as "done 9/15" writes it. */
  completed?: DueDate;
  ticket?: ItemPart;
  /** The horizon of the subsection it is in. */
  horizon?: HorizonSpec;
  /** Whether an owner, and a due date, are expected of it: a table without that column expects none. */
  expects: { owner: boolean; due: boolean };
  /** Where a table row's Owner and Due cells are, written or empty (between the pipes). */
  cells?: { owner?: { start: number; end: number }; due?: { start: number; end: number } };
  /** Parts after the text that could not be told apart: whether an owner or a date is missing is not certain. */
  unsure?: true;
  /** It is still one of the template's own example items. */
  templateExample?: true;
}

export interface ActionItems {
  items: ActionItem[];
  /** The heading indexes of the action-item sections. */
  sections: number[];
  /** The incident's first and last day (days since 1970), when Date/Time gives them. */
  incidentDays?: { first: number; last: number };
}

const none: ActionItems = { items: [], sections: [] };

/** What the reader needs of a document's analysis (analysis.ts, which holds the items it reads). */
export interface ActionItemSource {
  readonly doc: ParsedDocument;
  readonly template: TemplateModel;
  readonly dateOrder: DateOrder;
  readonly tooLarge: number | undefined;
  readonly clock: IncidentClock;
  readonly timeline: Timeline | undefined;
  placeholdersOnLine(line: number): readonly Placeholder[];
}

/** Where a document's session keeps its last action items, for a keystroke elsewhere to hand them out again. */
export interface ActionItemsMemo {
  last?: { key: string; facts: readonly (LineFacts | undefined)[]; items: ActionItems; settled: boolean };
}

/**
 * `memo`: the session's line facts, where each line's reading is kept (see lineReading);
 * `itemsMemo`: its last items, returned again when the sections' lines are the same line facts
 * (the same texts, at the same lines) and their headings, the incident's days and the date
 * order are unchanged: after a keystroke outside the action items, nothing is read again.
 */
export function readActionItems(analysis: ActionItemSource, memo?: LineFactsMemo, itemsMemo?: ActionItemsMemo): ActionItems {
  const spec = analysis.template.schema.actionItems;
  if (!spec || analysis.tooLarge !== undefined) return none;
  const { doc } = analysis;
  const sectionKey = analysis.template.sectionKeyOf(spec.section);
  const sections: number[] = [];
  for (let k = 0; k < doc.headings.length; k++) {
    // The outermost heading of that name: its subsections are read with it.
    if (doc.headings[k].key !== sectionKey) continue;
    const last = sections.length ? doc.headings[sections[sections.length - 1]] : undefined;
    if (!last || last.end <= doc.headings[k].line) sections.push(k);
  }
  if (sections.length === 0) return none;
  const clock = analysis.clock;
  const incidentDays = clock.startDay !== undefined ? { first: clock.startDay, last: clock.startDay + (clock.crossings ?? 0) } : undefined;
  const dateOrder = analysis.timeline?.dateOrder ?? (analysis.dateOrder !== 'auto' ? analysis.dateOrder : undefined);

  let key = '';
  let facts: (LineFacts | undefined)[] | undefined;
  if (memo && itemsMemo) {
    key = `${analysis.dateOrder} ${dateOrder} ${incidentDays?.first} ${incidentDays?.last} ${clock.year} ${doc.text.lines.length}`;
    facts = [];
    for (const section of sections) {
      const heading = doc.headings[section];
      for (let k = section; k < doc.headings.length && doc.headings[k].line < heading.end; k++) key += `|${doc.headings[k].line} ${doc.headings[k].end} ${doc.headings[k].key}`;
      for (let line = heading.line; line < heading.end; line++) facts.push(memo[line]);
    }
    const last = itemsMemo.last;
    if (last && last.key === key && last.facts.length === facts.length) {
      let same = true;
      for (let k = 0; k < facts.length && same; k++) same = facts[k] !== undefined && facts[k] === last.facts[k];
      if (same) return last.items;
    }
  }
  const reader = new ItemReader(analysis, spec, incidentDays, memo);
  reader.reuse = itemsMemo?.last?.settled !== true;
  const items: ActionItem[] = [];
  for (const section of sections) reader.readSection(section, items);
  items.sort((a, b) => a.line - b.line);
  const settled = settleDateOrder(items, dateOrder);
  const read = { items, sections, incidentDays };
  if (itemsMemo && facts) itemsMemo.last = { key, facts, items: read, settled };
  return read;
}

/** What one line of a list item says, on its own (ItemReader.lineReading). */
type LineReading = Pick<ActionItem, 'state' | 'text' | 'owner' | 'due' | 'completed' | 'ticket' | 'unsure'>;

/** A line as an item's line: blank, a list item (`from`: where its text starts; -1: none), its indentation. */
interface LineShape {
  blank: boolean;
  from: number;
  indent: number;
  checkbox: boolean;
}

/**
 * A line's readings as its facts keep them, under one date order: its shape, what it says as a
 * first line and as a continuation, and the item last made from it as a first line, with what
 * that item was made of (its lines' facts and its context), to be handed out again.
 */
interface KeptReadings {
  dateOrder: DateOrder;
  shape?: LineShape;
  first?: LineReading;
  continuation?: LineReading;
  built?: { item: ActionItem; line: number; last: number; context: string; horizon: HorizonSpec | undefined; templateExample: boolean; below: (LineFacts | undefined)[] };
}

/**
 * Adds what a line says to its item: the parts the item has not got yet, and a state the line
 * says in words (a Status label, "done", a tick). A kept reading may be of the same text on
 * another line: its parts are copied onto this one (and copied anyway, as the resolution of
 * dates writes into them).
 */
function merge(item: ActionItem, reading: LineReading, line: number): void {
  // No closure here: it runs for every item on every keystroke.
  if (!item.owner && reading.owner) item.owner = { ...reading.owner, line };
  if (!item.due && reading.due) item.due = { ...reading.due, line };
  if (!item.completed && reading.completed) item.completed = { ...reading.completed, line };
  if (!item.ticket && reading.ticket) item.ticket = { ...reading.ticket, line };
  if (reading.state !== 'unknown' && (item.state === 'unknown' || reading.state === 'done' || item.line !== line)) item.state = reading.state;
}

interface Words {
  done: RegExp;
  open: RegExp;
  /** Column keys by header key. */
  columns: Map<string, ActionItemColumn>;
  /** Horizons by heading keys. */
  horizons: { keys: string[]; horizon: HorizonSpec }[];
}

const compiled = new WeakMap<ActionItemsSpec, Words>();

function wordsOf(spec: ActionItemsSpec): Words {
  let words = compiled.get(spec);
  if (!words) {
    const alternatives = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length).map((w) => escapeRegExp(w).replace(/[ -]/g, '[\\s-]?')).join('|');
    const columns = new Map<string, ActionItemColumn>();
    for (const [column, names] of Object.entries(spec.columns) as [ActionItemColumn, string[]][]) for (const name of names) if (!columns.has(headingKey(name))) columns.set(headingKey(name), column);
    words = {
      done: spec.done.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives(spec.done)})(?![\\p{L}\\p{N}])`, 'iu') : /(?!)/,
      open: spec.open.length ? new RegExp(`^(?:${alternatives(spec.open)})(?![\\p{L}\\p{N}])`, 'iu') : /(?!)/,
      columns,
      horizons: spec.horizons.map((horizon) => ({ keys: [horizon.section, ...horizon.aliases].map(headingKey), horizon })),
    };
    compiled.set(spec, words);
  }
  return words;
}

/** The template's form after the checkbox: text, owner and an ISO date, each after a spaced hyphen. */
const templateFormPattern = /^([^\s[\]()`:|*_](?:[^[\]()`:|*_]*[^\s[\]()`:|*_])?)[ \t]+-[ \t]+([^\s[\]()`:|*_-](?:[^[\]()`:|*_]*[^\s[\]()`:|*_])?)[ \t]+-[ \t]+(\d{4})-(\d{2})-(\d{2})[ \t]*$/u;

/** A list item's start: indentation, marker, and a task checkbox. */
const listItem = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])([ \t]+|$)(?:\[([ xX])\](?:[ \t]+|$))?/;
/** Labels inside an item ("Owner: Alice", "**Due**: Dec 5", "ticket = ENG-1"). */
const labelPattern =
  /(?<![\p{L}\p{N}])\**(owners?|owned by|assignee|assigned to|dri|responsible|who|due(?: date| by| on)?|deadline|eta|target(?: date)?|tickets?|issue|jira|tracking|tracked in|bug|status)\**\s*[:：]\**\s*/giu;
/** Where an unlabelled part of an item ends and the next begins: a dash with white space around it. */
const separator = /\s+[-–—]\s+/g;
const donePrefix = /^(?:done|completed|complete|closed|fixed|shipped|merged|deployed|landed|finished|resolved)(?![\p{L}\p{N}])[\s:,]*/iu;
const duePrefix = /^(?:due(?: date| by| on)?|by|before|until|till|eta|target(?: date)?|deadline|no later than)(?![\p{L}\p{N}])[\s:,]*/iu;
/** When, without a date. */
const vagueWhen =
  /^(?:eod|eow|eom|eoq|eoy|asap|today|tomorrow|end of (?:the )?(?:day|week|month|quarter|year|sprint|q[1-4])|(?:next|this|the following) (?:week|sprint|month|quarter|release|cycle)|(?:q[1-4]|h[12])(?:\s*(?:fy)?'?\d{2,4})?|sprint \d+|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:\d{4}-)?w\d{1,2}|\d{4}-w\d{2})(?![\p{L}\p{N}])/iu;
const relative = /^\+\s*(\d{1,3})\s*(d|days?|w|weeks?|mo|months?|h|hours?)(?![\p{L}\p{N}])/iu;
const ticketId = /^(?:[A-Z][A-Z0-9_]{1,14}-\d+|#\d+|(?:PR|MR|issue|pull|change|CR)\s*#?\d+|[a-z]\/\d{3,})$/i;
const ticketAnywhere = /\[[^\]\n]*\]\((?:https?:\/\/|\/)[^)\s]*\)|https?:\/\/\S+|(?<![\p{L}\p{N}-])(?:[A-Z][A-Z0-9_]{1,14}-\d{2,}|#\d{2,})(?![\p{L}\p{N}])/u;
const handle = /(?<![\p{L}\p{N}.])@[\p{L}\p{N}][\p{L}\p{N}._-]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[\[[^\]\n]+\]\]/u;
/** Decoration around a part: emphasis, a trailing tick or cross, brackets of a parenthesis. */
const decoration = /^[\s*_~`"“(]+|[\s*_~`"”).,;:!✅✔️☑]+$/gu;
const decorationStart = /^[\s*_~`"“(]/;
const decorationEnd = /[\s*_~`"”).,;:!✅✔️☑]$/u;

/** A part without its decoration; most parts have none, and are handed back as they are. */
function undecorated(text: string): string {
  return decorationStart.test(text) || decorationEnd.test(text) ? text.replace(decoration, '') : text;
}

class ItemReader {
  private readonly words: Words;
  private readonly lines: readonly string[];
  /** What an item depends on beyond its lines, its horizon and whether it is the template's: the incident's days and year, the date order. */
  readonly context: string;
  /** Items made last time may be handed out again (not after a read that settled dates that read both ways, which changes its items). */
  reuse = true;
  /** The last section a horizon was looked up for, and its horizon. */
  private horizonSection = -2;
  private horizon: HorizonSpec | undefined;

  constructor(
    private readonly analysis: ActionItemSource,
    spec: ActionItemsSpec,
    private readonly incidentDays: { first: number; last: number } | undefined,
    private readonly memo: LineFactsMemo | undefined,
  ) {
    this.words = wordsOf(spec);
    this.lines = analysis.doc.text.lines;
    this.context = `${analysis.dateOrder} ${incidentDays?.first} ${incidentDays?.last} ${analysis.clock.year}`;
  }

  readSection(section: number, items: ActionItem[]): void {
    const { doc } = this.analysis;
    const heading = doc.headings[section];
    // Lines that are no list item: the tables' (read as tables) and the subsections' headings.
    const skipped: [number, number][] = [];
    for (let t = 0; t < doc.tables.length; t++) {
      const table = doc.tables[t];
      if (table.header.line <= heading.line || table.header.line >= heading.end) continue;
      skipped.push([table.header.line, table.end]);
      this.readTable(t, items);
    }
    for (let k = section + 1; k < doc.headings.length && doc.headings[k].line < heading.end; k++) skipped.push([doc.headings[k].line, doc.headings[k].lastLine + 1]);
    skipped.sort((a, b) => a[0] - b[0]);
    let next = 0;

    for (let line = heading.lastLine + 1; line < heading.end; line++) {
      while (next < skipped.length && skipped[next][1] <= line) next++;
      if (next < skipped.length && skipped[next][0] <= line) {
        line = skipped[next][1] - 1;
        continue;
      }
      if (doc.lineKinds[line] !== LineKind.Text) continue;
      const shape = this.shapeOf(line);
      if (shape.from < 0) continue;
      // The item's lines: its sub-bullets and continuation lines, indented under it.
      let last = line;
      for (let k = line + 1; k < heading.end; k++) {
        if (next < skipped.length && skipped[next][0] <= k) break;
        if (doc.lineKinds[k] !== LineKind.Text) continue;
        const below = this.shapeOf(k);
        if (below.blank) continue;
        if (below.indent < shape.indent + 1 || below.checkbox) break;
        last = k;
      }
      items.push(this.item(line, last, shape));
      line = last;
    }
  }

  /**
   * The item of lines `line` to `last`: the one made of the same lines last time, when they are
   * the same line facts (the same texts at the same lines) and the item's context is the same;
   * else made of the lines' readings.
   */
  private item(line: number, last: number, shape: LineShape): ActionItem {
    const horizon = this.horizonOf(line);
    const templateExample = this.isTemplateExample(line);
    const facts = this.memo?.[line];
    const kept = facts !== undefined && facts.text === this.lines[line] ? facts : undefined;
    const built = this.reuse ? ((kept?.actionItem as KeptReadings | undefined)?.built) : undefined;
    if (built && built.line === line && built.last === last && built.context === this.context && built.horizon === horizon && built.templateExample === templateExample) {
      let same = true;
      for (let k = line + 1; k <= last && same; k++) same = this.memo![k] === built.below[k - line - 1];
      if (same) return built.item;
    }
    const reading = this.lineReading(line, shape.from, false);
    const item: ActionItem = {
      form: 'list',
      line,
      lastLine: last,
      state: reading.state,
      text: { ...reading.text, line },
      horizon,
      expects: { owner: true, due: true },
    };
    if (shape.checkbox) item.checkbox = true;
    merge(item, reading, line);
    if (reading.unsure) item.unsure = true;
    if (templateExample) item.templateExample = true;
    for (let k = line + 1; k <= last; k++) {
      const below = this.shapeOf(k);
      if (!below.blank && this.analysis.doc.lineKinds[k] === LineKind.Text) merge(item, this.lineReading(k, below.indent, true), k);
    }
    this.settle(item);
    const readings = kept?.actionItem as KeptReadings | undefined;
    if (readings && this.memo) {
      const below: (LineFacts | undefined)[] = [];
      for (let k = line + 1; k <= last; k++) below.push(this.memo[k]);
      readings.built = { item, line, last, context: this.context, horizon, templateExample, below };
    }
    return item;
  }

  /** Whether a line is blank, a list item (where its text starts, its checkbox) and its indentation: read once per line text. */
  private shapeOf(line: number): LineShape {
    const facts = this.memo?.[line];
    const kept = facts !== undefined && facts.text === this.lines[line] ? facts : undefined;
    let readings = kept?.actionItem as KeptReadings | undefined;
    if (readings && readings.dateOrder !== this.analysis.dateOrder) readings = undefined;
    if (readings?.shape) return readings.shape;
    const text = this.lines[line];
    const m = listItem.exec(text);
    const shape: LineShape = m
      ? { blank: false, from: m[0].length, indent: indentWidth(m[1]), checkbox: m[3] !== undefined }
      : { blank: isBlank(text), from: -1, indent: indentWidth(/^[ \t]*/.exec(text)![0]), checkbox: false };
    if (kept) {
      readings ??= kept.actionItem = { dateOrder: this.analysis.dateOrder } as KeptReadings;
      readings.shape = shape;
    }
    return shape;
  }

  /**
   * What one line of a list item says (its first line from `from`, or a continuation line):
   * read on its own, so kept with the line's facts in a session and read again only when the
   * line's text (or the date order) changes; its dates are put on the calendar afterwards.
   */
  private lineReading(line: number, from: number, continuation: boolean): LineReading {
    const facts = this.memo?.[line];
    const kept = facts !== undefined && facts.text === this.lines[line] ? facts : undefined;
    const cached = kept?.actionItem as KeptReadings | undefined;
    if (cached && cached.dateOrder === this.analysis.dateOrder) {
      const reading = continuation ? cached.continuation : cached.first;
      if (reading) return reading;
    }
    const text = this.lines[line];
    const m = continuation ? null : listItem.exec(text);
    const reading = (m && this.templateForm(line, m, from)) || this.generalReading(line, from, continuation, m);
    if (kept) {
      const readings: KeptReadings = cached && cached.dateOrder === this.analysis.dateOrder ? cached : { dateOrder: this.analysis.dateOrder };
      if (continuation) readings.continuation = reading;
      else readings.first = reading;
      kept.actionItem = readings;
    }
    return reading;
  }

  /**
   * The template's own form, `- [ ] Text - Owner - 2026-12-05`, read directly: most items are
   * written so, and the general reading (generalReading) gives the same for them. Undefined for
   * anything else: another separator or more parts, a label, brackets, a placeholder, a tick, a
   * ticket or a link in the text, an owner that could be a date or a done word.
   */
  private templateForm(line: number, m: RegExpExecArray, from: number): LineReading | undefined {
    const text = this.lines[line];
    const form = templateFormPattern.exec(text.slice(from));
    if (!form || this.analysis.placeholdersOnLine(line).length !== 0) return undefined;
    const [, action, owner, year, month, day] = form;
    if (/[#~✅✔☑@]|[A-Z]-\d|https?:|\s[-–—]\s/u.test(action) || !looksLikeOwner(owner) || duePrefix.test(owner) || donePrefix.test(owner) || (owner.length <= 12 && this.words.done.test(owner))) return undefined;
    const date = { year: Number(year), month: Number(month), day: Number(day) };
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return undefined;
    const textEnd = from + action.length;
    const ownerStart = text.indexOf(owner, textEnd);
    const dueStart = text.length - form[0].length + form[0].lastIndexOf(`${year}-`);
    return {
      state: m[3] === undefined ? 'unknown' : m[3] === ' ' ? 'open' : 'done',
      text: { line, start: from, end: textEnd, text: action },
      owner: { line, start: ownerStart, end: ownerStart + owner.length, text: owner },
      due: { line, start: dueStart, end: dueStart + 10, text: text.slice(dueStart, dueStart + 10), readings: [date] },
    };
  }

  /** What a line says, read part by part (readParts). */
  private generalReading(line: number, from: number, continuation: boolean, m: RegExpExecArray | null): LineReading {
    const text = this.lines[line];
    const scratch: ActionItem = {
      form: 'list',
      line,
      lastLine: line,
      state: !m || m[3] === undefined ? 'unknown' : m[3] === ' ' ? 'open' : 'done',
      text: { line, start: from, end: from, text: '' },
      expects: { owner: true, due: true },
    };
    this.readParts(scratch, line, from, text.length, continuation);
    return { state: scratch.state, text: scratch.text, owner: scratch.owner, due: scratch.due, completed: scratch.completed, ticket: scratch.ticket, unsure: scratch.unsure };
  }

  private readTable(index: number, items: ActionItem[]): void {
    const { doc } = this.analysis;
    const table = doc.tables[index];
    const header = table.header;
    const columns: (ActionItemColumn | undefined)[] = header.cells.map((cell) => this.words.columns.get(headingKey(this.lines[header.line].slice(cell.start, cell.end))));
    const has = (column: ActionItemColumn) => columns.indexOf(column) !== -1;
    if (!has('action') && !has('owner') && !has('due')) return;
    // The action is in its column, else in the first column that is none of the others (not a "#").
    let actionColumn = columns.indexOf('action');
    if (actionColumn === -1) actionColumn = columns.findIndex((c, k) => c === undefined && !/^[#\s]*(?:id|no\.?|nr\.?)?\s*$/i.test(this.lines[header.line].slice(header.cells[k].start, header.cells[k].end)));
    if (actionColumn === -1) return;
    for (const row of table.rows) {
      const line = row.line;
      const cellPart = (k: number): ItemPart | undefined => {
        const cell = row.cells[k];
        // From the pipes: a cell's trimmed bounds leave out a code span at its ends.
        return cell ? this.part(line, cell.outerStart, cell.outerEnd) : undefined;
      };
      const action = cellPart(actionColumn);
      if (!action || action.text.trim() === '') continue;
      const item: ActionItem = {
        form: 'table',
        line,
        lastLine: line,
        state: 'unknown',
        text: action,
        horizon: this.horizonOf(line),
        expects: { owner: has('owner'), due: has('due') },
      };
      if (this.isTemplateExample(line)) item.templateExample = true;
      const cellAt = (column: ActionItemColumn) => {
        const cell = row.cells[columns.indexOf(column)];
        return cell && { start: cell.outerStart, end: cell.outerEnd };
      };
      item.cells = { owner: cellAt('owner'), due: cellAt('due') };
      if (/^\s*~~.*~~\s*$/.test(action.text)) item.state = 'done';
      const checkbox = /^\s*\[([ xX])\]/.exec(action.text);
      if (checkbox) item.state = checkbox[1] === ' ' ? 'open' : 'done';
      columns.forEach((column, k) => {
        const part = cellPart(k);
        if (!part || column === undefined || column === 'action') return;
        const plain = undecorated(part.text).trim();
        if (column === 'status') {
          const state = this.stateOf(plain);
          if (state) item.state = state;
          return;
        }
        if (plain === '' || (!part.placeholder && (notYetKnown(plain) !== undefined || (column !== 'ticket' && notApplicable(plain))))) return;
        if (column === 'owner') item.owner = part;
        else if (column === 'ticket') {
          if (!notApplicable(plain)) item.ticket = part;
        } else if (column === 'due') {
          const done = donePrefix.exec(plain);
          if (done) {
            item.state = 'done';
            item.completed = this.dateOf(part, plain.slice(done[0].length));
          } else item.due = this.dateOf(part, plain);
        }
      });
      items.push(this.settle(item));
    }
  }

  /**
   * Reads the parts of a list item on one of its lines from `from`: labelled parts anywhere; on
   * its first line, the text and the parts after it in the template's order (text - owner -
   * due), each told by what it looks like.
   */
  private readParts(item: ActionItem, line: number, from: number, to: number, continuation: boolean): void {
    const text = this.lines[line];
    const masked = maskCommentsAndCode(text);
    // Labelled parts, each up to the next label, separator or the end of its parenthesis.
    const labelled: { label: string; start: number; end: number; valueStart: number }[] = [];
    let m: RegExpExecArray | null;
    // A label has a colon: most items have none, and are not searched.
    labelPattern.lastIndex = masked.indexOf(':', from) === -1 && masked.indexOf('：', from) === -1 ? masked.length : from;
    while ((m = labelPattern.exec(masked)) !== null && m.index < to) labelled.push({ label: m[1].toLowerCase(), start: m.index, valueStart: m.index + m[0].length, end: to });
    for (let k = 0; k < labelled.length; k++) {
      const part = labelled[k];
      const limit = k + 1 < labelled.length ? labelled[k + 1].start : to;
      part.end = valueEnd(masked, part.valueStart, limit, part.label.startsWith('due') || part.label === 'deadline' || part.label === 'eta' || part.label.startsWith('target'));
    }
    for (const part of labelled) {
      const value = this.part(line, part.valueStart, part.end);
      if (value.text === '') continue;
      const plain = undecorated(value.text);
      if (/^(?:owners?|owned by|assignee|assigned to|dri|responsible|who)$/.test(part.label)) {
        if (!item.owner && (value.placeholder || (notYetKnown(plain) === undefined && !notApplicable(plain)))) item.owner = value;
      } else if (/^(?:tickets?|issue|jira|tracking|tracked in|bug)$/.test(part.label)) {
        if (!notApplicable(plain) && notYetKnown(plain) === undefined) item.ticket ??= value;
      } else if (part.label === 'status') {
        const state = this.stateOf(plain);
        if (state) item.state = state;
      } else if (!item.due && (value.placeholder || (notYetKnown(plain) === undefined && !notApplicable(plain)))) item.due = this.dateOf(value, plain);
    }
    if (continuation) {
      this.looseParts(item, line, from, to, labelled, masked);
      return;
    }

    // Unlabelled parts of the first line: the text, then dash-separated parts, before the first
    // label and after each labelled value ("— Owner: Live Ops — +5d").
    const free: [number, number][] = [[from, labelled.length ? labelled[0].start : to]];
    for (let k = 0; k < labelled.length; k++) free.push([labelled[k].end, k + 1 < labelled.length ? labelled[k + 1].start : to]);
    const segments: ItemPart[] = [];
    for (const [freeStart, end] of free) {
      // After a labelled value, the dash that ended it.
      const lead = freeStart === from ? null : /^\s*[-–—](?:\s+|$)/.exec(masked.slice(freeStart, end));
      const start = freeStart + (lead ? lead[0].length : 0);
      const bounds: number[] = [start];
      separator.lastIndex = start;
      while ((m = separator.exec(masked)) !== null && m.index < end) {
        // The dash itself: the white space before it may be a code span masked.
        const dash = m.index + m[0].search(/[-–—]/);
        // Only a bracket or parenthesis before the dash can hold it.
        const bracketBefore = (masked.indexOf('(', start) !== -1 && masked.indexOf('(', start) < dash) || (masked.indexOf('[', start) !== -1 && masked.indexOf('[', start) < dash);
        if (dash < end && !(bracketBefore && insideBrackets(masked, start, dash))) bounds.push(dash, dash + 1);
      }
      bounds.push(end);
      for (let k = 0; k < bounds.length; k += 2) if (segments.length === 0 || bounds[k + 1] > bounds[k]) segments.push(this.part(line, bounds[k], bounds[k + 1]));
    }
    item.text = segments[0];
    let unsure = false;
    for (let k = 1; k < segments.length; k++) {
      const segment = segments[k];
      if (segment.text === '') continue;
      const kind = this.kindOf(segment, k, item);
      if (kind === 'text') {
        // An unlabelled part that is none of the others, before any of them: the text goes on.
        if (!item.owner && !item.due && !item.ticket && !unsure) {
          item.text = { ...item.text, end: segment.end, text: text.slice(item.text.start, segment.end) };
        } else unsure = true;
      }
    }
    if (unsure) item.unsure = true;
    // A parenthesis at the end of the text: "(@alice, Dec 5)", "(owner: kim)" is read above.
    this.looseParts(item, line, from, to, labelled, masked);
  }

  /** What an unlabelled part after the text is; sets it on the item. */
  private kindOf(segment: ItemPart, position: number, item: ActionItem): 'owner' | 'due' | 'ticket' | 'done' | 'text' {
    const plain = undecorated(segment.text);
    if (segment.placeholder) {
      const key = placeholderKey(plain);
      const kind = /owner|who|assignee|responsible|name/.test(key) ? 'owner' : /due|date|when|deadline/.test(key) ? 'due' : /ticket|link|issue/.test(key) ? 'ticket' : position === 1 ? 'owner' : 'due';
      if (kind === 'owner') item.owner ??= segment;
      else if (kind === 'due') item.due ??= segment;
      else item.ticket ??= segment;
      return kind;
    }
    const done = donePrefix.exec(plain);
    if (done) {
      item.state = 'done';
      const rest = plain.slice(done[0].length);
      if (rest !== '') item.completed = this.dateOf(segment, rest);
      return 'done';
    }
    if (plain.length <= 12 && plain.charCodeAt(0) !== 64 /* @ */ && this.words.done.test(plain)) {
      item.state = 'done';
      return 'done';
    }
    const prefixed = duePrefix.exec(plain);
    const whenText = prefixed ? plain.slice(prefixed[0].length) : plain;
    if (!item.due) {
      const when = whenAtStart(whenText, this.analysis);
      if (prefixed || when) {
        item.due = this.dateOf(segment, whenText, when);
        return 'due';
      }
    }
    if (!item.ticket && (ticketId.test(plain) || /^\[[^\]]*\]\([^)]*\)$/.test(plain) || /^https?:\/\/\S+$/.test(plain))) {
      item.ticket = segment;
      return 'ticket';
    }
    if (!item.owner && looksLikeOwner(plain)) {
      item.owner = segment;
      return 'owner';
    }
    return 'text';
  }

  /** An @handle, an e-mail address or a date anywhere in the item: an owner and a due date are there, though not in their place. */
  private looseParts(item: ActionItem, line: number, from: number, to: number, labelled: readonly { start: number; end: number }[], masked: string): void {
    const text = this.lines[line];
    const rest = masked.slice(from, to);
    // Each search only where its character is: an @ or [[ for a handle, a digit for a date.
    if (!item.owner && (rest.indexOf('@') !== -1 || rest.indexOf('[[') !== -1)) {
      const m = handle.exec(rest);
      if (m) item.owner = this.part(line, from + m.index, from + m.index + m[0].length);
    }
    if (!item.ticket && (rest.indexOf('#') !== -1 || rest.indexOf('](') !== -1 || rest.indexOf('http') !== -1 || /[A-Z]-\d/.test(rest))) {
      const m = ticketAnywhere.exec(text.slice(from, to));
      if (m && !labelled.some((p) => p.start <= from + m.index && from + m.index < p.end)) item.ticket = this.part(line, from + m.index, from + m.index + m[0].length);
    }
    if (!item.due) {
      const date = findDates(rest, { order: this.analysis.dateOrder }).find((d) => d.date || d.ambiguous);
      if (date) item.due = { ...this.dateOf(this.part(line, from + date.start, from + date.end), date.text), loose: true };
      else if (/(?<![\p{L}\p{N}])(?:eod|eow|eom|eoq|asap|end of (?:the )?(?:day|week|month|quarter|sprint)|next (?:week|sprint|month|quarter|release))(?![\p{L}\p{N}])/iu.test(rest)) {
        item.due = { line, start: from, end: to, text: '', loose: true };
      }
    }
    if (item.state !== 'done' && /[✅✔☑]/u.test(rest)) item.state = 'done';
    // Struck through: the whole item, or its text.
    if (item.state !== 'done' && rest.indexOf('~~') !== -1 && (/^\s*~~[^~].*~~\s*$/.test(rest) || /^(?:\*\*)?~~[^~].*~~(?:\*\*)?$/.test(item.text.text))) item.state = 'done';
  }

  /** The open or done state a Status cell or label says, if it says one. */
  private stateOf(plain: string): ItemState | undefined {
    if (plain === '') return undefined;
    if (this.words.open.test(plain)) return 'open';
    if (this.words.done.test(plain)) return 'done';
    if (/^\[[xX]\]/.test(plain)) return 'done';
    if (/^\[ \]/.test(plain)) return 'open';
    return undefined;
  }

  /** A due date as written in a part (`plain`: its text without the due words), not yet on the calendar (see resolve). */
  private dateOf(part: ItemPart, plain: string, known?: FoundDate | true): DueDate {
    const due: DueDate = { ...part };
    if (part.placeholder) return due;
    if (known !== undefined && known !== true) {
      // Already found at the part's start (whenAtStart).
      if (!known.problem) {
        const readings = known.date ? [known.date] : known.ambiguous ? [known.ambiguous.dayFirst, known.ambiguous.monthFirst] : [];
        if (readings.length) due.readings = readings;
      }
      return due;
    }
    const rel = relative.exec(plain.trim());
    if (rel) {
      const unit = rel[2].toLowerCase();
      due.relative = { n: Number(rel[1]), unit: unit.startsWith('mo') ? 'mo' : unit.startsWith('w') ? 'w' : unit.startsWith('h') ? 'h' : 'd' };
      return due;
    }
    const found = findDates(plain, { order: this.analysis.dateOrder, yearless: true })[0];
    if (!found || found.problem) return due;
    const readings = found.date ? [found.date] : found.ambiguous ? [found.ambiguous.dayFirst, found.ambiguous.monthFirst] : [];
    if (readings.length) due.readings = readings;
    return due;
  }

  /** The days a due date names, from the incident's day and year. */
  private resolve(due: DueDate | undefined): void {
    if (!due) return;
    if (due.relative) {
      if (!this.incidentDays) return;
      const { n, unit } = due.relative;
      const first = this.incidentDays.first;
      due.days = [unit === 'mo' ? addMonths(first, n) : unit === 'w' ? first + 7 * n : unit === 'h' ? first + Math.floor(n / 24) : first + n];
    } else if (due.readings) {
      let days: number[] | undefined;
      for (const date of due.readings) {
        const day = this.dayOf(date);
        if (day !== undefined) (days ??= []).push(day);
      }
      if (days) due.days = days;
    }
  }

  /** A date's day; one without a year is the first such day from two months before the incident on. */
  private dayOf(date: DateParts): number | undefined {
    if (date.day === undefined) return undefined;
    if (date.year !== undefined) return dayNumber(date.year, date.month, date.day);
    const year = this.analysis.clock.year;
    if (year === undefined || !this.incidentDays) return undefined;
    const day = dayNumber(year, date.month, date.day);
    return day < this.incidentDays.first - 60 ? dayNumber(year + 1, date.month, date.day) : day;
  }

  private horizonOf(line: number): HorizonSpec | undefined {
    const { doc } = this.analysis;
    const section = doc.sectionOfLine[line];
    if (section === this.horizonSection) return this.horizon;
    let found: HorizonSpec | undefined;
    for (let k = section; k !== -1 && !found; k = doc.headings[k].parent) {
      const key = doc.headings[k].key;
      for (const { keys, horizon } of this.words.horizons) {
        for (const h of keys) if (key === h || (key.startsWith(h) && key.charCodeAt(h.length) === 32)) found ??= horizon;
      }
    }
    // The items of one subsection come one after another: its horizon is found once.
    this.horizonSection = section;
    this.horizon = found;
    return found;
  }

  private isTemplateExample(line: number): boolean {
    const { doc, template } = this.analysis;
    const section = doc.sectionOfLine[line];
    return section !== -1 && template.exampleLines.get(doc.headings[section].key)?.has(exampleLineKey(this.lines[line])) === true;
  }

  /** The trimmed part of a line between two characters, marked when it is a placeholder. */
  private part(line: number, start: number, end: number): ItemPart {
    const text = this.lines[line];
    while (start < end && isWhitespace(text.charCodeAt(start))) start++;
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
    const part: ItemPart = { line, start, end, text: text.slice(start, end) };
    if (end > start && this.isPlaceholderSpan(line, start, end)) part.placeholder = true;
    return part;
  }

  /** Whether a span holds a placeholder and nothing else but decoration. */
  private isPlaceholderSpan(line: number, start: number, end: number): boolean {
    const onLine = this.analysis.placeholdersOnLine(line);
    if (onLine.length === 0) return false;
    const inside: Placeholder[] = onLine.filter((p) => p.start >= start && p.end <= end);
    if (inside.length === 0) return false;
    let rest = this.lines[line].slice(start, end);
    for (const p of [...inside].reverse()) rest = rest.slice(0, p.start - start) + rest.slice(p.end - start);
    return rest.replace(decoration, '').replace(/[\s/,&-]+/g, '') === '';
  }

  /** An item read whole: its dates put on the calendar. */
  private settle(item: ActionItem): ActionItem {
    this.resolve(item.due);
    this.resolve(item.completed);
    return item;
  }
}

/**
 * Numeric dates that read both ways (12/02/2026) read the way the document writes its others:
 * the timeline's order, the setting, or the order its items' dates show where one of them can
 * only read one way (11/27/2026), when they all agree.
 */
function settleDateOrder(items: ActionItem[], known: 'dmy' | 'mdy' | undefined): boolean {
  if (!items.some((item) => item.due?.readings?.length === 2 || item.completed?.readings?.length === 2)) return false;
  const dates = items.flatMap((item) => [item.due, item.completed]).filter((d): d is DueDate => d?.days !== undefined);
  let order = known;
  if (!order) {
    const orders = new Set<'dmy' | 'mdy'>();
    for (const d of dates) {
      const m = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}(?!\d)/.exec(d.text) ?? /(?<!\d)(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(d.text);
      if (!m) continue;
      if (Number(m[1]) > 12 || m[0].includes('.')) orders.add('dmy');
      else if (Number(m[2]) > 12) orders.add('mdy');
    }
    if (orders.size === 1) order = [...orders][0];
  }
  if (order) for (const d of dates) if (d.days!.length === 2) d.days = [order === 'dmy' ? d.days![0] : d.days![1]];
  return true;
}

function isBlank(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Columns of leading white space, a tab to the next multiple of 4. */
function indentWidth(space: string): number {
  let width = 0;
  for (const c of space) width = c === '\t' ? width + 4 - (width % 4) : width + 1;
  return width;
}

/** Where a labelled value ends: at a separator, a semicolon, a closing parenthesis, or (but in a date) a comma. */
function valueEnd(masked: string, from: number, limit: number, isDate: boolean): number {
  let depth = 0;
  for (let k = from; k < limit; k++) {
    const c = masked[k];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      if (depth === 0) return k;
      depth--;
    } else if (depth === 0) {
      if (c === ';' || c === '|') return k;
      if (c === ',' && !(isDate && /^,\s*\d/.test(masked.slice(k, k + 4)))) return k;
      if ((c === '-' || c === '–' || c === '—') && /\s/.test(masked[k - 1] ?? '') && /\s/.test(masked[k + 1] ?? '')) return k;
    }
  }
  return limit;
}

/** Whether position `at` is inside brackets or parentheses opened after `from`. */
function insideBrackets(masked: string, from: number, at: number): boolean {
  let depth = 0;
  for (let k = from; k < at; k++) {
    const c = masked.charCodeAt(k);
    if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
  }
  return depth > 0;
}

/** Whether a part names a when: a date at its start, "+7d", or words such as "EOW" and "next sprint". */
function whenAtStart(plain: string, analysis: ActionItemSource): FoundDate | true | undefined {
  const iso = isoDay.exec(plain);
  if (iso) {
    const date = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    // The form most dates take, read here without the search for every other form.
    if (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month)) return { start: 0, end: iso[0].length, text: iso[0], date };
  }
  if (relative.test(plain) || vagueWhen.test(plain)) return true;
  const found = findDates(plain, { order: analysis.dateOrder, yearless: true })[0];
  // "Fri, Nov. 20th", "Mon 2026-03-09": a weekday may come first.
  return found !== undefined && (found.start <= 2 || /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*$/i.test(plain.slice(0, found.start))) ? found : undefined;
}

/** A date written YYYY-MM-DD alone, or before a note. */
const isoDay = /^(\d{4})-(\d{2})-(\d{2})(?![\d:T-])/;

/**
 * Whether an unlabelled part after the text can be its owner: an @handle, an address, a
 * `[[wiki link]]`, or a short name ("Priya Natarajan", "T. Okafor", "Payments Back Office",
 * "Ms Aydın"), not a sentence.
 */
function looksLikeOwner(plain: string): boolean {
  if (handle.test(plain) && plain.length <= 80) return true;
  // Titles and initials ("Prof. L. Brennan") and what a parenthesis adds ("Aisha (SRE)") are part of a name.
  const name = plain.replace(/\([^)]*\)/g, ' ').trim();
  if (name.length > 60 || /[!?;]/.test(name)) return false;
  return name.split(/\s+/).length <= 6 && /^[\p{L}@[]/u.test(name);
}

/** A day `n` calendar months later (the 31st of a shorter month is its last day). */
export function addMonths(day: number, n: number): number {
  const date = new Date(day * 86400000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + n;
  const target = new Date(Date.UTC(year, month, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return dayNumber(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(date.getUTCDate(), last));
}

/**
 * The last day a horizon allows an item, from the incident's last day: twice its span (an
 * Immediate item two days after, a Short-term one two weeks, a Long-term one two months). A
 * post-mortem is written, and its items dated, days after the incident, and people round to the
 * week or the month: held to the span exactly, 100 items of the corpus's 122 complete
 * post-mortems were past it by a few days, none of them a mistake. Twice the span is an item in
 * the wrong section.
 */
export function horizonEnd(horizon: HorizonSpec, lastDay: number): number {
  if (horizon.months !== undefined) return addMonths(lastDay, 2 * horizon.months);
  return lastDay + Math.max(1, Math.ceil(2 * (horizon.days ?? 0)));
}
