/** The template the extension ships, bundled into the server so the standalone server needs no files. */
import templateText from '../../templates/postmortem/postmortem-template.md';

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
