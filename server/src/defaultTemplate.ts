/** The template the extension ships, bundled into the server so the standalone server needs no files. */
import templateText from '../../templates/postmortem/postmortem-template.md';
import schemaText from '../../templates/postmortem/postmortem-template.schema.yaml';

export const defaultTemplate = { templateText, schemaText, schemaFileName: 'postmortem-template.schema.yaml' };
