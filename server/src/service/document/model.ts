/**
 * The parsed shape of a post-mortem: what the rules, completions and code actions read.
 * Built in one pass over the lines by parse.ts.
 */
import type { LineText } from '../text/lines';
import type { Moment } from '../values/moment';

export const enum LineKind {
  Text = 0,
  FenceDelimiter = 1,
  Code = 2,
  FrontMatter = 3,
  Comment = 4,
}

export interface Heading {
  line: number;
  level: number;
  /** Heading text without the #s. */
  title: string;
  /** Title normalised for comparison (lower case, punctuation folded). */
  key: string;
  /** Character where the title starts. */
  titleStart: number;
  /** First line after the section (the next heading of the same or a higher level). */
  end: number;
  /** Index of the enclosing heading, -1 for none. */
  parent: number;
  /** The heading's last line: its own for `#` headings, the underline's for `===`/`---` ones. */
  lastLine: number;
}

export interface FieldLine {
  line: number;
  label: string;
  /** The label's comparison key (labelKey). */
  labelKey: string;
  /** Where the value starts and ends (trimmed, comments and inline code left out at the end). */
  valueStart: number;
  valueEnd: number;
  /** Innermost heading the line is under, -1 for none. */
  section: number;
  style: 'bold' | 'heading' | 'code';
  /** A template placeholder or blank sits in the value. */
  hasPlaceholder: boolean;
}

export interface Cell {
  /** Trimmed content. */
  start: number;
  end: number;
  /** Between the pipes. */
  outerStart: number;
  outerEnd: number;
}

export interface TableRow {
  line: number;
  cells: Cell[];
}

/** What a timeline row's Time cell holds, read without the document's context. */
export type RowTime =
  | { state: 'ok'; moment: Moment }
  /** No Time cell; an empty one; a placeholder; a value that says it is not known (`?`, `TBD`, `-`). */
  | { state: 'missing' | 'empty' | 'placeholder' | 'not-known' }
  /** No time in the cell, or an impossible one (`problem`: why, and `text`: which part). */
  | { state: 'invalid'; problem?: string; text?: string };

export interface TimelineRow {
  row: TableRow;
  /** Index in its table's rows. */
  index: number;
  /** What the Time cell holds, with the date of a Date column. */
  time: RowTime;
  /** The required columns (schema's timeline.requiredColumns) whose cells are empty or say they are not known. */
  emptyRequired?: readonly number[];
  /** Its Time and Event are still one of the template's own timeline rows ("00:05", "Alert triggered"). */
  templateExample?: boolean;
  /** The table's columns these facts were read for. */
  readonly columnsKey: string;
  /** The milestone its Event cell names (null: none), read for the milestones `milestoneOf` (metrics/milestones.ts), kept with the row. */
  milestone: object | null | undefined;
  milestoneOf: object | undefined;
}

export interface Table {
  section: number;
  header: TableRow;
  delimiterLine: number;
  rows: TableRow[];
  /** First line after the table. */
  end: number;
}

export type PlaceholderOwner =
  | { type: 'field'; field: number }
  | { type: 'cell'; table: number; row: number; column: number }
  | { type: 'item'; label: string; number: number }
  | { type: 'section' };

export interface Placeholder {
  line: number;
  start: number;
  end: number;
  /** Bracket text without the brackets; empty for a blank (____). */
  text: string;
  kind: 'bracket' | 'blank';
  section: number;
  owner: PlaceholderOwner;
}

/** A value of the front matter, and where it is written. */
export interface FrontMatterValue {
  value: string;
  line: number;
  start: number;
  end: number;
}

export interface ParsedDocument {
  readonly text: LineText;
  readonly lineKinds: Uint8Array;
  readonly headings: Heading[];
  /** Innermost heading of each line, -1 before the first. */
  readonly sectionOfLine: Int32Array;
  readonly fields: FieldLine[];
  /** Field index by line, for field lines only. */
  readonly fieldOfLine: Map<number, number>;
  readonly tables: Table[];
  readonly placeholders: Placeholder[];
  /** Value of the template's front-matter key (`postmortem: true`), if the front matter has it. */
  readonly frontMatterFlag: boolean | undefined;
  /** The front matter's line with that key (the last, as YAML reads a repeated key), or -1. */
  readonly frontMatterKeyLine: number;
  /** The review status the front matter gives (`status: draft`), under the template's key. */
  readonly frontMatterStatus: FrontMatterValue | undefined;
  /** Prose lines holding a word of the template's blaming phrases, in order (the blameless-language rule's). */
  readonly blameLines: readonly number[];
  /** Line of the front matter's closing `---`, or -1 without front matter. */
  readonly frontMatterEnd: number;
  /** First line of a fenced block or HTML comment still open at the end of the document, else -1. */
  readonly unclosedBlock: number;
}
