/**
 * The schema that sits beside a template and tells the service what the template's fields mean,
 * and its checks. Reading it from YAML is in schemaYaml.ts, so what gets its schema as data (the
 * server, whose default schema is bundled as JSON) carries no YAML parser.
 */

export type FieldKind =
  | 'text'
  | 'choice'
  | 'datetime'
  | 'date'
  | 'duration'
  | 'number'
  | 'percentage'
  | 'person'
  | 'id';

export const fieldKinds: readonly FieldKind[] = [
  'text', 'choice', 'datetime', 'date', 'duration', 'number', 'percentage', 'person', 'id',
];

export interface ChoiceValue {
  value: string;
  meaning: string;
  /** Other names of the value ("SEV-1" for CRITICAL): accepted with a hint that names the value. */
  aliases?: string[];
}

export interface FieldSpec {
  label: string;
  /** Heading title of the section the field sits in (any ancestor heading of the line). */
  section?: string;
  kind: FieldKind;
  values?: ChoiceValue[];
  min?: number;
  max?: number;
  /** Whole numbers only (counts). */
  integer?: boolean;
  /** A date that cannot be before the incident's start (a review, a sign-off). */
  afterIncident?: boolean;
  /**
   * Labelled parts of the value after the field's own ("**Incident Commander**: ____ Date: ____"):
   * the field's value ends where the first part's label starts.
   */
  parts?: FieldPart[];
}

export interface FieldPart {
  label: string;
  kind: FieldKind;
  afterIncident?: boolean;
}

export type TimelineColumn = 'time' | 'date' | 'event' | 'component' | 'action';

export interface TimelineSpec {
  section: string;
  columns: { time: string; date?: string; event?: string; component?: string; action?: string };
  /** Other header names of each column ("Timestamp" for Time). */
  columnAliases: Partial<Record<TimelineColumn, string[]>>;
  /** Columns a row must fill (an empty cell is reported). */
  requiredColumns: TimelineColumn[];
  milestones: MilestoneSpec[];
}

/** A milestone of the timeline: a row found by its Event cell, in the template's words or its aliases. */
export interface MilestoneSpec extends ChoiceValue {
  /** Milestones it cannot come before: a mitigation is after the alert, whatever the diagnosis. */
  after?: string[];
}

/**
 * A figure computed from the timeline and written in a field: the time between two milestones
 * (`from`, `to`), or the incident's start and end (`start`, `end`). Each end may name several
 * milestones, the first a row names counting. `alsoFrom` and `alsoTo` are other ends authors
 * measure from or to (Time to Resolution up to the restored service): a written figure that
 * agrees with them agrees, but the value computed is from `from` to `to`.
 */
export interface MetricSpec {
  /** As the code lens and the messages name it ("Duration", "detection"). */
  name: string;
  /** The field's label, in `section` when given. */
  field: string;
  section?: string;
  from: string[];
  to: string[];
  alsoFrom: string[];
  alsoTo: string[];
}

export interface MetricsSpec {
  /**
   * The milestones whose rows are the incident's start and end. The incident runs over
   * Date/Time's range when it has both ends; else it starts at the start milestone's row (or
   * Date/Time's start, or the first row) and ends at Date/Time's end (or the end milestone's row).
   * A metric from a milestone no row names is measured from the incident's start instead.
   */
  start?: string;
  end?: string;
  /** How a computed value is written: `short` ("1h 12m", the default) or `long` ("1 hour 12 minutes"). */
  format: DurationFormat;
  values: MetricSpec[];
}

export type DurationFormat = 'short' | 'long';
export const durationFormats: readonly DurationFormat[] = ['short', 'long'];

/** The two ends a metric may name besides a milestone. */
export const incidentEnds = ['start', 'end'] as const;

export interface NewDocumentSpec {
  titlePrefix: string;
  idField?: string;
  idFormat: string;
  dateField?: string;
}

export interface DetectionSpec {
  /** A document is a post-mortem with at least this share of the template's top-level sections... */
  minSectionShare: number;
  /** ...or all of the required top-level sections, or at least this share of them... */
  minRequiredShare: number;
  /** ...together with at least this many of the template's fields in place. */
  minFields: number;
  frontMatterKey: string;
}

/** The levels a rule may be shown at (`off`: not at all); the `postmortem.rules` setting's values. */
export type Level = 'off' | 'hint' | 'information' | 'warning' | 'error';
export const levels: readonly Level[] = ['off', 'hint', 'information', 'warning', 'error'];

/**
 * The group of rules whose findings are something still to write (unfilled placeholders, fields,
 * cells and sections), for a status's levels to name at once.
 */
export const unfilledGroup = 'unfilled';

export interface ReviewStatusSpec {
  /** As the front matter writes it (`draft`); read in any case, with spaces, - or _ alike. */
  name: string;
  meaning: string;
  /** Other names teams write for it (`wip` for draft, `published` for final). */
  aliases: string[];
  /** Level by rule id, or for every rule of the `unfilled` group; `postmortem.rules` overrides them. */
  levels: Record<string, Level>;
  /** Nothing required may be left to fill at this status (what Mark Ready for Review checks). */
  complete: boolean;
}

export interface ReviewSpec {
  /** The front-matter key of the status (`status: draft`). */
  frontMatterKey: string;
  statuses: ReviewStatusSpec[];
  /** The status New Post-Mortem writes. */
  initial?: string;
  /** The status Mark Ready for Review moves a complete post-mortem to. */
  ready?: string;
}

/**
 * Wording that blames a person where the analysis should name a system (the blameless-language
 * rule): phrases as words, where `{person}` stands for one of `people`, a role (`the night
 * operator`) or an @handle, and `{name}` for a capitalised name or an @handle.
 */
export interface BlamelessSpec {
  people: string[];
  /** Role nouns (`operator`): `the operator`, `the night operator`, `our on-call engineers` are {person} too. */
  roles: string[];
  phrases: BlamelessPhrase[];
}

export interface BlamelessPhrase {
  /** The phrase and its other forms (`careless`, `carelessly`). */
  match: string[];
  /** Words that, a few words before it, say it is not blame (`not human error`). */
  unlessAfter: string[];
  /** What to write instead. */
  suggestion: string;
  /** What replaces the phrase's words after the person (`failed to` -> `did not`); '' removes them. */
  fix?: string;
}

/**
 * A snippet completion offers in a post-mortem (Ctrl+Space, from its first letters): an LSP
 * snippet body, where `{date}`, `{time}` and `{datetime}` are now, in UTC, when it is offered.
 */
export interface SnippetSpec {
  name: string;
  prefix: string;
  body: string;
  description: string;
}

export type ActionItemColumn = 'action' | 'owner' | 'due' | 'ticket' | 'status';
export const actionItemColumns: readonly ActionItemColumn[] = ['action', 'owner', 'due', 'ticket', 'status'];

/** How soon the items of one subsection of the action items are due ("Immediate": within 24 hours). */
export interface HorizonSpec {
  /** The subsection's heading ("Immediate"); a heading starting with it counts ("Immediate (Next 24 hours)"). */
  section: string;
  aliases: string[];
  /** As the schema writes it ("24 hours", "1 week", "1 month"). */
  within: string;
  /** The same in days, or in calendar months. */
  days?: number;
  months?: number;
}

/** Where a post-mortem's action items are, how soon each kind is due, and the words of their state. */
export interface ActionItemsSpec {
  /** The section ("Action Items"; its aliases are the sectionAliases'). */
  section: string;
  horizons: HorizonSpec[];
  /** Header names of an action-item table's columns, by what the column holds. */
  columns: Record<ActionItemColumn, string[]>;
  /** Words of a Status cell, or after an item, that say it is done ("done", "closed", "✅"). */
  done: string[];
  /** Words that say it is still open ("open", "in progress", "blocked"). */
  open: string[];
}

/** What the workspace's insights group post-mortems by. */
export interface InsightsSpec {
  /** Choice fields whose values each post-mortem's summary keeps (Severity, Category, Detection Method). */
  fields: string[];
}

export interface TemplateSchema {
  name: string;
  /** The fields the workspace index keeps of each post-mortem, for its views, insights and report. */
  insights?: InsightsSpec;
  /** The action items: their section, horizons and table columns; none: no action-item rules. */
  actionItems?: ActionItemsSpec;
  /** Snippets offered in its post-mortems. */
  snippets: SnippetSpec[];
  /** Blaming wording and what to write instead; none: the blameless-language rule reports nothing. */
  blameless?: BlamelessSpec;
  detection: DetectionSpec;
  /** Review statuses, and how strict the checks are at each; none: the rules' own levels. */
  review?: ReviewSpec;
  /** Section names, "Parent > Child" for subsections. */
  requiredSections: string[];
  /** Other headings of a section, by the section's name ("Summary" for "Incident Summary"). */
  sectionAliases: Record<string, string[]>;
  /**
   * Sections filled in after the post-mortem is written (the follow-up review): a text field
   * there may say it is still pending.
   */
  pendingSections: string[];
  fields: FieldSpec[];
  timeline?: TimelineSpec;
  metrics?: MetricsSpec;
  newDocument: NewDocumentSpec;
}

export interface SchemaProblem {
  message: string;
  /** 0-based line in the schema file. */
  line: number;
}

export class SchemaError extends Error {
  constructor(readonly problems: SchemaProblem[], readonly fileName = 'schema') {
    super(problems.map((p) => `${fileName}:${p.line + 1}: ${p.message}`).join('\n'));
    this.name = 'SchemaError';
  }
}

/**
 * Checks a schema already read into plain data (the default schema, turned from YAML into JSON
 * when the server is built, so that the server parses no YAML as it starts); problems are
 * reported without lines.
 */
export function schemaFromData(data: unknown, fileName = 'schema'): TemplateSchema {
  return checkSchema(data, fileName, () => 0);
}

/** Checks the data of a schema; `lineAt` gives the line of the value at a path. */
export function checkSchema(data: unknown, fileName: string, lineAt: (path: (string | number)[]) => number): TemplateSchema {
  const problems: SchemaProblem[] = [];
  const problem = (path: (string | number)[], message: string) => {
    problems.push({ line: lineAt(path), message: `${path.join('.') || 'schema'}: ${message}` });
  };

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SchemaError([{ line: 0, message: 'the schema must be a YAML mapping' }], fileName);
  }
  const raw = data as Record<string, unknown>;
  const known = new Set(['name', 'template', 'detection', 'requiredSections', 'sectionAliases', 'pendingSections', 'fields', 'timeline', 'metrics', 'review', 'blameless', 'snippets', 'newDocument', 'actionItems', 'insights']);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) problem([key], `unknown key (expected one of ${[...known].join(', ')})`);
  }

  /** A mapping's keys must be among `allowed` (a misspelt key would be ignored silently otherwise). */
  const mapping = (value: unknown, path: (string | number)[], allowed: readonly string[]): Record<string, unknown> => {
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problem(path, `must be a mapping of ${allowed.join(', ')}`);
      return {};
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) problem([...path, key], `unknown key (expected one of ${allowed.join(', ')})`);
    }
    return value as Record<string, unknown>;
  };
  const str = (value: unknown, path: (string | number)[], fallback?: string): string => {
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (value === undefined && fallback !== undefined) return fallback;
    problem(path, 'must be a non-empty string');
    return fallback ?? '';
  };
  const num = (value: unknown, path: (string | number)[]): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    problem(path, 'must be a number');
    return undefined;
  };
  const strings = (value: unknown, path: (string | number)[]): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problem(path, 'must be a list of strings');
      return [];
    }
    return value.map((item, i) => str(item, [...path, i]));
  };
  const choiceValues = (value: unknown, path: (string | number)[], extraKeys: readonly string[] = []): (ChoiceValue & { entry: Record<string, unknown> })[] => {
    if (!Array.isArray(value) || value.length === 0) {
      problem(path, 'must be a non-empty list of { value, meaning }');
      return [];
    }
    return value.map((item, i) => {
      if (typeof item === 'string') return { value: item, meaning: '', entry: {} };
      const entry = mapping(item ?? {}, [...path, i], ['value', 'meaning', 'aliases', ...extraKeys]);
      const choice: ChoiceValue & { entry: Record<string, unknown> } = {
        value: str(entry.value, [...path, i, 'value']),
        meaning: typeof entry.meaning === 'string' ? entry.meaning : '',
        entry,
      };
      if (entry.aliases !== undefined) choice.aliases = strings(entry.aliases, [...path, i, 'aliases']);
      return choice;
    });
  };
  const withoutEntry = <T extends { entry: unknown }>({ entry: _, ...rest }: T): Omit<T, 'entry'> => rest;
  const kindOf = (value: unknown, path: (string | number)[]): FieldKind => {
    const kind = (value ?? 'text') as FieldKind;
    if (!fieldKinds.includes(kind)) problem(path, `unknown kind '${String(value)}' (expected one of ${fieldKinds.join(', ')})`);
    return kind;
  };

  const detectionRaw = mapping(raw.detection, ['detection'], ['minSectionShare', 'minRequiredShare', 'minFields', 'frontMatterKey']);
  const share = (key: string, fallback: number) => {
    const value = num(detectionRaw[key], ['detection', key]) ?? fallback;
    if (value <= 0 || value > 1) problem(['detection', key], 'must be a number above 0 and at most 1');
    return value;
  };
  const minSectionShare = share('minSectionShare', 0.5);
  const minRequiredShare = share('minRequiredShare', 0.5);
  const minFields = num(detectionRaw.minFields, ['detection', 'minFields']) ?? 2;
  if (!Number.isInteger(minFields) || minFields < 0) problem(['detection', 'minFields'], 'must be a whole number of at least 0');

  const sectionAliases: Record<string, string[]> = {};
  const aliasesRaw = mapping(raw.sectionAliases, ['sectionAliases'], Object.keys((raw.sectionAliases as object | null) ?? {}));
  for (const [name, aliases] of Object.entries(aliasesRaw)) sectionAliases[name] = strings(aliases, ['sectionAliases', name]);
  const pendingSections = strings(raw.pendingSections, ['pendingSections']);

  const requiredRaw = raw.requiredSections ?? [];
  const requiredSections: string[] = [];
  if (!Array.isArray(requiredRaw)) problem(['requiredSections'], 'must be a list of section names');
  else requiredRaw.forEach((s, i) => requiredSections.push(str(s, ['requiredSections', i])));

  const fields: FieldSpec[] = [];
  const fieldsRaw = raw.fields ?? [];
  if (!Array.isArray(fieldsRaw)) problem(['fields'], 'must be a list of fields');
  else {
    fieldsRaw.forEach((f, i) => {
      const path = ['fields', i];
      if (typeof f !== 'object' || f === null) {
        problem(path, 'must be a mapping with label and kind');
        return;
      }
      const entry = mapping(f, path, ['label', 'section', 'kind', 'values', 'min', 'max', 'integer', 'afterIncident', 'parts']);
      const kind = kindOf(entry.kind, [...path, 'kind']);
      const spec: FieldSpec = {
        label: str(entry.label, [...path, 'label']),
        section: entry.section === undefined ? undefined : str(entry.section, [...path, 'section']),
        kind,
        min: num(entry.min, [...path, 'min']),
        max: num(entry.max, [...path, 'max']),
      };
      for (const flag of ['integer', 'afterIncident'] as const) {
        if (entry[flag] === undefined) continue;
        if (typeof entry[flag] === 'boolean') spec[flag] = entry[flag];
        else problem([...path, flag], 'must be true or false');
      }
      if (kind === 'choice') spec.values = choiceValues(entry.values, [...path, 'values']).map(withoutEntry);
      if (entry.parts !== undefined) {
        if (!Array.isArray(entry.parts)) problem([...path, 'parts'], 'must be a list of { label, kind }');
        else {
          spec.parts = entry.parts.map((part, k) => {
            const p = mapping(part ?? {}, [...path, 'parts', k], ['label', 'kind', 'afterIncident']);
            const fieldPart: FieldPart = { label: str(p.label, [...path, 'parts', k, 'label']), kind: kindOf(p.kind, [...path, 'parts', k, 'kind']) };
            if (typeof p.afterIncident === 'boolean') fieldPart.afterIncident = p.afterIncident;
            else if (p.afterIncident !== undefined) problem([...path, 'parts', k, 'afterIncident'], 'must be true or false');
            return fieldPart;
          });
        }
      }
      fields.push(spec);
    });
  }

  let timeline: TimelineSpec | undefined;
  if (raw.timeline !== undefined) {
    const t = mapping(raw.timeline ?? {}, ['timeline'], ['section', 'columns', 'columnAliases', 'requiredColumns', 'milestones']);
    const columnKeys = ['time', 'date', 'event', 'component', 'action'] as const;
    const columns = mapping(t.columns, ['timeline', 'columns'], columnKeys);
    const optional = (key: 'date' | 'event' | 'component' | 'action') => (columns[key] === undefined ? undefined : str(columns[key], ['timeline', 'columns', key]));
    const aliasesOfColumns = mapping(t.columnAliases, ['timeline', 'columnAliases'], columnKeys);
    const columnAliases: TimelineSpec['columnAliases'] = {};
    for (const key of columnKeys) if (aliasesOfColumns[key] !== undefined) columnAliases[key] = strings(aliasesOfColumns[key], ['timeline', 'columnAliases', key]);
    const requiredColumns = strings(t.requiredColumns ?? ['time'], ['timeline', 'requiredColumns']).filter((c, i): c is TimelineColumn => {
      if ((columnKeys as readonly string[]).includes(c)) return true;
      problem(['timeline', 'requiredColumns', i], `unknown column '${c}' (expected one of ${columnKeys.join(', ')})`);
      return false;
    });
    timeline = {
      section: str(t.section, ['timeline', 'section']),
      columns: {
        time: str(columns.time, ['timeline', 'columns', 'time'], 'Time'),
        date: optional('date'),
        event: optional('event'),
        component: optional('component'),
        action: optional('action'),
      },
      columnAliases,
      requiredColumns,
      milestones: t.milestones === undefined ? [] : milestonesOf(t.milestones),
    };
  }

  function milestonesOf(value: unknown): MilestoneSpec[] {
    const path = ['timeline', 'milestones'];
    const read = choiceValues(value, path, ['after']);
    const names = new Set(read.map((m) => m.value));
    return read.map((m, i) => {
      const milestone: MilestoneSpec = withoutEntry(m);
      if (m.entry.after !== undefined) {
        milestone.after = strings(m.entry.after, [...path, i, 'after']);
        milestone.after.forEach((name, k) => {
          if (!names.has(name)) problem([...path, i, 'after', k], `unknown milestone '${name}' (expected one of ${[...names].join(', ')})`);
        });
      }
      return milestone;
    });
  }

  let metrics: MetricsSpec | undefined;
  if (raw.metrics !== undefined) {
    const path = ['metrics'];
    const m = mapping(raw.metrics ?? {}, path, ['start', 'end', 'format', 'values']);
    const format = (m.format ?? 'short') as DurationFormat;
    if (!durationFormats.includes(format)) problem([...path, 'format'], `unknown format '${String(m.format)}' (expected one of ${durationFormats.join(', ')})`);
    const milestoneNames = new Set((timeline?.milestones ?? []).map((x) => x.value));
    const milestone = (value: unknown, at: (string | number)[], ends: readonly string[]): string => {
      const name = str(value, at);
      if (name && !ends.includes(name) && !milestoneNames.has(name)) {
        problem(at, `unknown milestone '${name}' (expected ${[...ends, ...milestoneNames].join(', ') || 'a milestone of timeline.milestones'})`);
      }
      return name;
    };
    const milestoneList = (value: unknown, at: (string | number)[]): string[] => {
      if (!Array.isArray(value)) return [milestone(value, at, incidentEnds)];
      if (value.length === 0) problem(at, 'must name at least one milestone');
      return value.map((v, k) => milestone(v, [...at, k], incidentEnds));
    };
    const valuesRaw = m.values ?? [];
    const values: MetricSpec[] = [];
    if (!Array.isArray(valuesRaw)) problem([...path, 'values'], 'must be a list of { name, field, from, to }');
    else {
      valuesRaw.forEach((v, i) => {
        const at = [...path, 'values', i];
        const entry = mapping(v ?? {}, at, ['name', 'field', 'section', 'from', 'to', 'alsoFrom', 'alsoTo']);
        values.push({
          name: str(entry.name, [...at, 'name']),
          field: str(entry.field, [...at, 'field']),
          section: entry.section === undefined ? undefined : str(entry.section, [...at, 'section']),
          from: milestoneList(entry.from, [...at, 'from']),
          to: milestoneList(entry.to, [...at, 'to']),
          alsoFrom: entry.alsoFrom === undefined ? [] : milestoneList(entry.alsoFrom, [...at, 'alsoFrom']),
          alsoTo: entry.alsoTo === undefined ? [] : milestoneList(entry.alsoTo, [...at, 'alsoTo']),
        });
      });
    }
    metrics = {
      start: m.start === undefined ? undefined : milestone(m.start, [...path, 'start'], []),
      end: m.end === undefined ? undefined : milestone(m.end, [...path, 'end'], []),
      format,
      values,
    };
  }

  let review: ReviewSpec | undefined;
  if (raw.review !== undefined) {
    const path = ['review'];
    const r = mapping(raw.review ?? {}, path, ['frontMatterKey', 'statuses', 'initial', 'ready']);
    const frontMatterKey = str(r.frontMatterKey, [...path, 'frontMatterKey'], 'status');
    const statuses: ReviewStatusSpec[] = [];
    if (!Array.isArray(r.statuses) || r.statuses.length === 0) problem([...path, 'statuses'], 'must be a non-empty list of { name, meaning, levels, complete }');
    else {
      r.statuses.forEach((item, i) => {
        const at = [...path, 'statuses', i];
        const entry = mapping(item ?? {}, at, ['name', 'meaning', 'aliases', 'levels', 'complete']);
        const levelsRaw = mapping(entry.levels, [...at, 'levels'], Object.keys((entry.levels as object | null) ?? {}));
        const statusLevels: Record<string, Level> = {};
        for (const [id, level] of Object.entries(levelsRaw)) {
          if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id)) problem([...at, 'levels', id], `must be a rule id (as unfilled-placeholder) or '${unfilledGroup}'`);
          else if (typeof level !== 'string' || !(levels as readonly string[]).includes(level)) problem([...at, 'levels', id], `must be one of ${levels.join(', ')}`);
          else statusLevels[id] = level as Level;
        }
        if (entry.complete !== undefined && typeof entry.complete !== 'boolean') problem([...at, 'complete'], 'must be true or false');
        statuses.push({
          name: str(entry.name, [...at, 'name']),
          meaning: typeof entry.meaning === 'string' ? entry.meaning : '',
          aliases: strings(entry.aliases, [...at, 'aliases']),
          levels: statusLevels,
          complete: entry.complete === true,
        });
      });
    }
    const named = (key: 'initial' | 'ready'): string | undefined => {
      if (r[key] === undefined) return undefined;
      const name = str(r[key], [...path, key]);
      if (name && !statuses.some((s) => s.name === name)) problem([...path, key], `unknown status '${name}' (expected one of ${statuses.map((s) => s.name).join(', ')})`);
      return name;
    };
    review = { frontMatterKey, statuses, initial: named('initial'), ready: named('ready') };
  }

  let blameless: BlamelessSpec | undefined;
  if (raw.blameless !== undefined) {
    const path = ['blameless'];
    const b = mapping(raw.blameless ?? {}, path, ['people', 'roles', 'phrases']);
    const phrases: BlamelessPhrase[] = [];
    if (!Array.isArray(b.phrases)) problem([...path, 'phrases'], 'must be a list of { match, suggestion, unlessAfter, fix }');
    else {
      b.phrases.forEach((item, i) => {
        const at = [...path, 'phrases', i];
        const entry = mapping(item ?? {}, at, ['match', 'suggestion', 'unlessAfter', 'fix']);
        const match = typeof entry.match === 'string' ? [str(entry.match, [...at, 'match'])] : strings(entry.match, [...at, 'match']);
        if (match.length === 0) problem([...at, 'match'], 'must name a phrase');
        match.forEach((m, k) => {
          const unknown = /\{(?!person\}|name\})[^}]*\}/.exec(m);
          if (unknown) problem([...at, 'match', ...(typeof entry.match === 'string' ? [] : [k])], `unknown placeholder '${unknown[0]}' (expected {person} or {name})`);
        });
        if (entry.fix !== undefined && typeof entry.fix !== 'string') problem([...at, 'fix'], 'must be a string (what replaces the phrase; empty to remove it)');
        phrases.push({
          match,
          unlessAfter: strings(entry.unlessAfter, [...at, 'unlessAfter']),
          suggestion: str(entry.suggestion, [...at, 'suggestion']),
          fix: typeof entry.fix === 'string' ? entry.fix : undefined,
        });
      });
    }
    blameless = { people: strings(b.people, [...path, 'people']), roles: strings(b.roles, [...path, 'roles']), phrases };
  }

  let actionItems: ActionItemsSpec | undefined;
  if (raw.actionItems !== undefined) {
    const path = ['actionItems'];
    const a = mapping(raw.actionItems ?? {}, path, ['section', 'horizons', 'columns', 'done', 'open']);
    const horizons: HorizonSpec[] = [];
    if (a.horizons !== undefined && !Array.isArray(a.horizons)) problem([...path, 'horizons'], 'must be a list of { section, within, aliases }');
    else {
      ((a.horizons as unknown[] | undefined) ?? []).forEach((item, i) => {
        const at = [...path, 'horizons', i];
        const entry = mapping(item ?? {}, at, ['section', 'within', 'aliases']);
        const within = str(entry.within, [...at, 'within']);
        const span = horizonSpan(within);
        if (within && !span) problem([...at, 'within'], `must be a number of hours, days, weeks or months ("24 hours", "1 week", "1 month"), not '${within}'`);
        horizons.push({ section: str(entry.section, [...at, 'section']), aliases: strings(entry.aliases, [...at, 'aliases']), within, ...span });
      });
    }
    const columnsRaw = mapping(a.columns, [...path, 'columns'], actionItemColumns);
    const columns = Object.fromEntries(actionItemColumns.map((key) => [key, strings(columnsRaw[key], [...path, 'columns', key])])) as Record<ActionItemColumn, string[]>;
    actionItems = { section: str(a.section, [...path, 'section'], 'Action Items'), horizons, columns, done: strings(a.done, [...path, 'done']), open: strings(a.open, [...path, 'open']) };
  }

  let insights: InsightsSpec | undefined;
  if (raw.insights !== undefined) {
    const i = mapping(raw.insights ?? {}, ['insights'], ['fields']);
    insights = { fields: strings(i.fields, ['insights', 'fields']) };
  }

  const snippets: SnippetSpec[] = [];
  if (raw.snippets !== undefined) {
    if (!Array.isArray(raw.snippets)) problem(['snippets'], 'must be a list of { name, prefix, body, description }');
    else {
      raw.snippets.forEach((item, i) => {
        const at = ['snippets', i];
        const entry = mapping(item ?? {}, at, ['name', 'prefix', 'body', 'description']);
        const body = Array.isArray(entry.body) ? strings(entry.body, [...at, 'body']).join('\n') : str(entry.body, [...at, 'body']);
        const prefix = str(entry.prefix, [...at, 'prefix']);
        if (prefix && !/^[\w-]+$/.test(prefix)) problem([...at, 'prefix'], 'must be letters, digits, - and _ (what is typed to get it)');
        snippets.push({ name: str(entry.name, [...at, 'name']), prefix, body, description: typeof entry.description === 'string' ? entry.description : '' });
      });
    }
  }

  const nd = mapping(raw.newDocument, ['newDocument'], ['titlePrefix', 'idField', 'idFormat', 'dateField']);
  const newDocument: NewDocumentSpec = {
    titlePrefix: typeof nd.titlePrefix === 'string' ? nd.titlePrefix : '',
    idField: nd.idField === undefined ? undefined : str(nd.idField, ['newDocument', 'idField']),
    idFormat: str(nd.idFormat, ['newDocument', 'idFormat'], 'INC-{date}-{seq}'),
    dateField: nd.dateField === undefined ? undefined : str(nd.dateField, ['newDocument', 'dateField']),
  };

  // In file order, so the first problem told is the first in the file.
  if (problems.length) throw new SchemaError(problems.sort((a, b) => a.line - b.line), fileName);
  return {
    name: str(raw.name, ['name'], 'Post-mortem'),
    detection: {
      minSectionShare,
      minRequiredShare,
      minFields,
      frontMatterKey: typeof detectionRaw.frontMatterKey === 'string' ? detectionRaw.frontMatterKey : 'postmortem',
    },
    requiredSections,
    sectionAliases,
    pendingSections,
    fields,
    timeline,
    metrics,
    review,
    blameless,
    actionItems,
    insights,
    snippets,
    newDocument,
  };
}

/** A horizon's `within` ("24 hours", "1 week", "1 month") in days or calendar months. */
export function horizonSpan(within: string): { days?: number; months?: number } | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(h|hours?|d|days?|w|weeks?|mo|months?)\s*$/i.exec(within);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit.startsWith('mo')) return { months: n };
  if (unit.startsWith('w')) return { days: 7 * n };
  if (unit.startsWith('d')) return { days: n };
  return { days: n / 24 };
}
