/** The template the extension ships, bundled into the server so the standalone server needs no files. */
import templateText from '../templates/postmortem/postmortem-template.md';
import { schemaFromData } from '../server/src/service/template/schema';
import { templateModelOf, type TemplateModel } from '../server/src/service/template/templateModel';

/**
 * The template's schema (postmortem-template.schema.yaml) as JSON text, put in by the build
 * (scripts/build.mjs): the server starts without parsing YAML, which took most of its start-up.
 */
declare const POSTMORTEM_DEFAULT_SCHEMA_JSON: string;

export const defaultTemplate = {
  templateText,
  schemaFileName: 'postmortem-template.schema.yaml',
  /** The schema's data (parsed when first asked for). */
  schema: (): Record<string, unknown> => JSON.parse(POSTMORTEM_DEFAULT_SCHEMA_JSON) as Record<string, unknown>,
};

/** The shipped template's model, for the server and postmortem-check. */
export function defaultTemplateModel(): TemplateModel {
  return templateModelOf(defaultTemplate.templateText, schemaFromData(defaultTemplate.schema(), defaultTemplate.schemaFileName));
}
