/**
 * What the server needs of where it runs: files, the shipped template, the reader of custom
 * templates' YAML, and the service made over a template. The Node entry point (main.ts) gives
 * the real ones (nodeHost); tests give their own (a file system in memory, a service that fails once).
 */
import type { HostFileSystem } from '../../host/fileSystem';
import type { SchemaReader } from '../../host/schemaReader';
import type { PostmortemService } from './service/service';
import type { TemplateModel } from './service/template/templateModel';

export interface ServerHost {
  fs: HostFileSystem;
  defaultTemplate(): TemplateModel;
  readSchema(): SchemaReader;
  serviceFor(template: TemplateModel): PostmortemService;
  /** Base of the rule documentation links in diagnostics (`<base><rule-id>.md`). */
  docsBaseUri: string | undefined;
}
