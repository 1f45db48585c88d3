/**
 * The post-mortem language service: plain functions over a document's text, with no LSP
 * connection, so the server, the tests, the benchmark and any CLI share them.
 */
import { serviceFor, type PostmortemService } from './service';
import { createTemplateModel, type SchemaSource } from './template/schemaYaml';

export * from './service';

/** `schema`: the template's schema as YAML text, or its data already read (as the server's default schema is). */
export function createPostmortemService(templateText: string, schema: SchemaSource, schemaFileName?: string): PostmortemService {
  return serviceFor(createTemplateModel(templateText, schema, schemaFileName));
}
