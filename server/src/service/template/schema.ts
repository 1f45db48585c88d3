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
}

export interface TimelineSpec {
  section: string;
  columns: { time: string; event?: string; component?: string };
  milestones: ChoiceValue[];
}

export interface NewDocumentSpec {
  titlePrefix: string;
  idField?: string;
  idFormat: string;
  dateField?: string;
}

export interface TemplateSchema {
  name: string;
  detection: { minSectionShare: number; frontMatterKey: string };
  /** Section names, "Parent > Child" for subsections. */
  requiredSections: string[];
  fields: FieldSpec[];
  timeline?: TimelineSpec;
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
  const known = new Set(['name', 'template', 'detection', 'requiredSections', 'fields', 'timeline', 'newDocument']);
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
  const choiceValues = (value: unknown, path: (string | number)[]): ChoiceValue[] => {
    if (!Array.isArray(value) || value.length === 0) {
      problem(path, 'must be a non-empty list of { value, meaning }');
      return [];
    }
    return value.map((item, i) => {
      if (typeof item === 'string') return { value: item, meaning: '' };
      const entry = mapping(item ?? {}, [...path, i], ['value', 'meaning']);
      return {
        value: str(entry.value, [...path, i, 'value']),
        meaning: typeof entry.meaning === 'string' ? entry.meaning : '',
      };
    });
  };

  const detectionRaw = mapping(raw.detection, ['detection'], ['minSectionShare', 'frontMatterKey']);
  const minSectionShare = num(detectionRaw.minSectionShare, ['detection', 'minSectionShare']) ?? 0.5;
  if (minSectionShare <= 0 || minSectionShare > 1) {
    problem(['detection', 'minSectionShare'], 'must be a number above 0 and at most 1');
  }

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
      const entry = mapping(f, path, ['label', 'section', 'kind', 'values', 'min', 'max', 'integer']);
      const kind = (entry.kind ?? 'text') as FieldKind;
      if (!fieldKinds.includes(kind)) {
        problem([...path, 'kind'], `unknown kind '${String(entry.kind)}' (expected one of ${fieldKinds.join(', ')})`);
      }
      const spec: FieldSpec = {
        label: str(entry.label, [...path, 'label']),
        section: entry.section === undefined ? undefined : str(entry.section, [...path, 'section']),
        kind,
        min: num(entry.min, [...path, 'min']),
        max: num(entry.max, [...path, 'max']),
      };
      if (entry.integer !== undefined) {
        if (typeof entry.integer === 'boolean') spec.integer = entry.integer;
        else problem([...path, 'integer'], 'must be true or false');
      }
      if (kind === 'choice') spec.values = choiceValues(entry.values, [...path, 'values']);
      fields.push(spec);
    });
  }

  let timeline: TimelineSpec | undefined;
  if (raw.timeline !== undefined) {
    const t = mapping(raw.timeline ?? {}, ['timeline'], ['section', 'columns', 'milestones']);
    const columns = mapping(t.columns, ['timeline', 'columns'], ['time', 'event', 'component']);
    timeline = {
      section: str(t.section, ['timeline', 'section']),
      columns: {
        time: str(columns.time, ['timeline', 'columns', 'time'], 'Time'),
        event: columns.event === undefined ? undefined : str(columns.event, ['timeline', 'columns', 'event']),
        component:
          columns.component === undefined ? undefined : str(columns.component, ['timeline', 'columns', 'component']),
      },
      milestones: t.milestones === undefined ? [] : choiceValues(t.milestones, ['timeline', 'milestones']),
    };
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
      frontMatterKey: typeof detectionRaw.frontMatterKey === 'string' ? detectionRaw.frontMatterKey : 'postmortem',
    },
    requiredSections,
    fields,
    timeline,
    newDocument,
  };
}
