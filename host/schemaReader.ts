/**
 * Reads a custom template's YAML schema. Bundled apart from the server (dist/schemaReader.js,
 * see scripts/build.mjs) and loaded only when `postmortem.template` names a template, so the
 * YAML parser stays off the server's start-up path. It answers with data, never a throw, so
 * nothing depends on error classes being shared between the two bundles.
 */
import { SchemaError, type SchemaProblem, type TemplateSchema } from '../server/src/service/template/schema';
import { parseSchemaWithLines } from '../server/src/service/template/schemaYaml';

export type SchemaReadResult =
  | { schema: TemplateSchema; problems?: undefined; /** 0-based line of the value at a path (the mapping's when not found). */ lineOf: (path: (string | number)[]) => number }
  | { schema?: undefined; problems: SchemaProblem[] };

export type SchemaReader = (yamlText: string, fileName: string) => SchemaReadResult;

export const readSchemaYaml: SchemaReader = (yamlText, fileName) => {
  try {
    return parseSchemaWithLines(yamlText, fileName);
  } catch (error) {
    if (error instanceof SchemaError) return { problems: error.problems };
    return { problems: [{ line: 0, message: `cannot be read as a schema: ${(error as Error)?.message ?? error}` }] };
  }
};
