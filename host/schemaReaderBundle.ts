/**
 * The YAML schema reader, from its own bundle beside the one running (dist/schemaReader.js,
 * see scripts/build.mjs): loaded only when a custom template is used, so neither the server nor
 * postmortem-check carries or starts the YAML parser otherwise.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { SchemaReader } from './schemaReader';

export const bundledSchemaReader = (): SchemaReader =>
  (createRequire(__filename)(path.join(__dirname, 'schemaReader.js')) as typeof import('./schemaReader')).readSchemaYaml;
