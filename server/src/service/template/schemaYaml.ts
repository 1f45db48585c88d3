/**
 * Reads a template's schema from YAML (a custom template's, or the shipped one in tests and the
 * bench), with the line of every problem, so a broken schema is easy to mend.
 */
import { LineCounter, parseDocument, isMap, type Node } from 'yaml';
import { checkSchema, schemaFromData, SchemaError, type SchemaProblem, type TemplateSchema } from './schema';
import { templateModelOf, type TemplateModel } from './templateModel';

const maxSchemaLength = 1_000_000;

/** A schema as YAML text, or as its data already read (plain objects and arrays, as from JSON.parse). */
export type SchemaSource = string | { readonly [key: string]: unknown };

/** Reads and checks a schema from YAML text or from data; throws SchemaError. */
export function readSchema(source: SchemaSource, fileName = 'schema'): TemplateSchema {
  return typeof source === 'string' ? parseSchema(source, fileName) : schemaFromData(source, fileName);
}

/** Parses and checks a schema; throws SchemaError listing every problem with its line. */
export function parseSchema(yamlText: string, fileName = 'schema'): TemplateSchema {
  return parseSchemaWithLines(yamlText, fileName).schema;
}

/**
 * parseSchema, with the line of the value at a path (0-based) for problems found later, from the
 * same parse (a custom template's schema is checked against its template afterwards).
 */
export function parseSchemaWithLines(yamlText: string, fileName = 'schema'): { schema: TemplateSchema; lineOf: (path: (string | number)[]) => number } {
  if (yamlText.length > maxSchemaLength) {
    throw new SchemaError([{ line: 0, message: `file is larger than ${maxSchemaLength} characters` }], fileName);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: SchemaProblem[] = [];
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line - 1 : 0;
  for (const error of doc.errors) {
    problems.push({ line: lineCounter.linePos(error.pos[0]).line - 1, message: error.message.split('\n')[0] });
  }
  if (problems.length) throw new SchemaError(problems, fileName);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 200 });
  } catch (error) {
    throw new SchemaError([{ line: 0, message: (error as Error).message }], fileName);
  }
  const root = doc.contents;
  if (!isMap(root)) throw new SchemaError([{ line: 0, message: 'the schema must be a YAML mapping' }], fileName);
  const lineAt = (path: (string | number)[]) => lineOf((doc.getIn(path, true) as Node | null | undefined) ?? root);
  return { schema: checkSchema(data, fileName, lineAt), lineOf: lineAt };
}

/** A template's model from its Markdown and its schema, as YAML text or data already read. */
export function createTemplateModel(templateText: string, schemaSource: SchemaSource, schemaFileName = 'schema'): TemplateModel {
  return templateModelOf(templateText, readSchema(schemaSource, schemaFileName));
}
