/**
 * The loader of the template `postmortem.template` names: a good template, each way the files
 * can be bad, and the workspace boundary in untrusted workspaces (.., absolute paths, symlinks).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadTemplate, maxTemplateFileBytes, templateFilesOf, type LoadResult } from '../../host/templateLoader';
import { templateMismatches } from '../../host/templateConsistency';
import { readSchemaYaml } from '../../host/schemaReader';
import { createPostmortemService } from '../../server/src/service';
import { schemaText, templateText } from '../support/service';
import { customSchema, customTemplate } from '../support/customTemplate';

/** A temp workspace with `files` (path to text) in it; returns its real path. */
function workspace(files: Record<string, string> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'pm-template-')));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const load = (setting: string, folder: string | undefined, trusted = false) =>
  loadTemplate(setting, { workspaceFolders: folder ? [folder] : [], trusted, readSchema: () => readSchemaYaml });

function problems(result: LoadResult): string[] {
  assert.equal(result.ok, false, 'the template should be refused');
  return result.ok ? [] : result.problems.map((p) => `${p.file === undefined ? '-' : p.file}:${p.line}: ${p.message}`);
}

describe('custom template loader', () => {
  it('loads a template and the schema beside it, and the service follows it', async () => {
    const root = workspace({ 'templates/outage.md': customTemplate, 'templates/outage.schema.yaml': customSchema });
    const result = await load('templates/outage.md', root);
    assert.ok(result.ok);
    assert.equal(result.templatePath, join(root, 'templates/outage.md'));
    assert.equal(result.schemaPath, join(root, 'templates/outage.schema.yaml'));
    assert.deepEqual(result.schema.fields[0].values?.map((v) => v.value), ['NONE', 'SOME', 'ALL']);
    const service = createPostmortemService(result.templateText, customSchema);
    const text = customTemplate.replace('[NONE/SOME/ALL]', 'HALF').replace('| [time] | [what] |', '| 10:00 | a |');
    assert.deepEqual(service.diagnostics(service.analyze(text)).map((d) => d.message), ["Impact 'HALF' is not one of NONE, SOME or ALL"]);
  });

  it('names the schema it expects when the schema is missing', async () => {
    const root = workspace({ 'outage.md': customTemplate });
    assert.deepEqual(problems(await load('outage.md', root)), [
      `-:0: Schema ${join(root, 'outage.schema.yaml')}: file not found (a template needs its schema beside it, named outage.schema.yaml)`,
    ]);
  });

  it('refuses a missing, empty, folder or huge template file', async () => {
    const root = workspace({ 'empty.md': '\n  \n', 'dir.md/x': '' });
    assert.deepEqual(problems(await load('nope.md', root)), [`-:0: Template ${join(root, 'nope.md')}: file not found`]);
    assert.deepEqual(problems(await load('empty.md', root)), [`${join(root, 'empty.md')}:0: Template ${join(root, 'empty.md')}: the file is empty`]);
    assert.deepEqual(problems(await load('dir.md', root)), [`-:0: Template ${join(root, 'dir.md')}: is not a file`]);
    writeFileSync(join(root, 'huge.md'), 'x'.repeat(maxTemplateFileBytes + 1));
    assert.match(problems(await load('huge.md', root))[0], /huge\.md: is larger than 1 MB \(1000001 bytes\)$/);
  });

  it('refuses a huge schema unread', async () => {
    const root = workspace({ 'outage.md': customTemplate, 'outage.schema.yaml': `name: x\n# ${'y'.repeat(maxTemplateFileBytes)}\n` });
    assert.match(problems(await load('outage.md', root))[0], /outage\.schema\.yaml: is larger than 1 MB/);
  });

  it('refuses a schema that cannot be read', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, async () => {
    const root = workspace({ 'outage.md': customTemplate, 'outage.schema.yaml': customSchema });
    chmodSync(join(root, 'outage.schema.yaml'), 0o000);
    assert.match(problems(await load('outage.md', root))[0], /outage\.schema\.yaml: cannot be read: permission denied$/);
  });

  it('reports bad YAML, wrong types and unknown keys at their lines, in the schema file', async () => {
    const root = workspace({ 'outage.md': customTemplate });
    const schemaPath = join(root, 'outage.schema.yaml');
    writeFileSync(schemaPath, 'name: x\nfields: [\n  - label: A\n');
    assert.match(problems(await load('outage.md', root))[0], new RegExp(`^${schemaPath}:\\d+: ${schemaPath}:\\d+: `));

    writeFileSync(schemaPath, 'name: x\ncolour: blue\nfields:\n  - label: Impact\n    kind: choice\n    values: 3\n  - label: B\n    min: ten\n');
    assert.deepEqual(problems(await load('outage.md', root)), [
      `${schemaPath}:1: ${schemaPath}:2: colour: unknown key (expected one of name, template, detection, requiredSections, sectionAliases, pendingSections, fields, timeline, metrics, review, blameless, snippets, newDocument, actionItems, insights)`,
      `${schemaPath}:5: ${schemaPath}:6: fields.0.values: must be a non-empty list of { value, meaning }`,
      `${schemaPath}:7: ${schemaPath}:8: fields.1.min: must be a number`,
    ]);
  });

  it('refuses a YAML alias bomb quickly', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const root = workspace({ 'outage.md': customTemplate, 'outage.schema.yaml': bomb.join('\n') });
    const started = Date.now();
    assert.ok(problems(await load('outage.md', root)).length > 0);
    assert.ok(Date.now() - started < 2000);
  });

  it('refuses a path that is not a Markdown file, and a relative path without a workspace folder', async () => {
    assert.deepEqual(problems(await load('outage.yaml', workspace())), ["-:0: Setting postmortem.template 'outage.yaml': must name a Markdown (.md) template file"]);
    assert.deepEqual(problems(await load('outage.md', undefined)), ["-:0: Setting postmortem.template 'outage.md': a relative path needs an open workspace folder"]);
  });

  describe('in an untrusted workspace', () => {
    it('refuses a path that leaves the workspace folder with ..', async () => {
      const outside = workspace({ 'outage.md': customTemplate, 'outage.schema.yaml': customSchema });
      mkdirSync(join(outside, 'ws'));
      const inner = join(outside, 'ws');
      const result = await load('../outage.md', inner);
      assert.deepEqual(problems(result), [
        `-:0: Template ${join(outside, 'outage.md')}: is outside the workspace folder; in an untrusted workspace the template must be inside it`,
      ]);
      assert.ok((await load('../outage.md', inner, true)).ok, 'a trusted workspace may use it');
    });

    it('refuses an absolute path, which a trusted workspace may use', async () => {
      const outside = workspace({ 'outage.md': customTemplate, 'outage.schema.yaml': customSchema });
      const root = workspace();
      assert.deepEqual(problems(await load(join(outside, 'outage.md'), root)), [
        `-:0: Setting postmortem.template '${join(outside, 'outage.md')}': an absolute path is used only in a trusted workspace; give a path relative to the workspace folder`,
      ]);
      assert.ok((await load(join(outside, 'outage.md'), root, true)).ok);
    });

    it('refuses a template or schema that is a symlink out of the workspace', async () => {
      const outside = workspace({ 'outage.md': customTemplate, 'outage.schema.yaml': customSchema, 'secret.txt': 'name: x\n' });
      const root = workspace({ 'mine.md': customTemplate });
      symlinkSync(join(outside, 'outage.md'), join(root, 'linked.md'));
      symlinkSync(join(outside, 'outage.schema.yaml'), join(root, 'linked.schema.yaml'));
      assert.deepEqual(problems(await load('linked.md', root)), [
        `-:0: Template ${join(root, 'linked.md')}: is outside the workspace folder (it leads to ${join(outside, 'outage.md')}); in an untrusted workspace the template must be inside it`,
      ]);
      symlinkSync(join(outside, 'secret.txt'), join(root, 'mine.schema.yaml'));
      assert.deepEqual(problems(await load('mine.md', root)), [
        `-:0: Schema ${join(root, 'mine.schema.yaml')}: is outside the workspace folder (it leads to ${join(outside, 'secret.txt')}); in an untrusted workspace the template must be inside it`,
      ]);
      // A folder symlinked out of the workspace is no way round it either.
      symlinkSync(outside, join(root, 'shared'));
      assert.match(problems(await load('shared/outage.md', root))[0], /is outside the workspace folder \(it leads to /);
      // Trusted, the same links are followed.
      assert.ok((await load('linked.md', root, true)).ok);
      assert.ok((await load('shared/outage.md', root, true)).ok);
    });

    it('accepts a symlink that stays inside the workspace', async () => {
      const root = workspace({ 'templates/outage.md': customTemplate, 'templates/outage.schema.yaml': customSchema });
      symlinkSync(join(root, 'templates/outage.md'), join(root, 'current.md'));
      symlinkSync(join(root, 'templates/outage.schema.yaml'), join(root, 'current.schema.yaml'));
      assert.ok((await load('current.md', root)).ok);
    });
  });

  it('resolves the schema beside the template as the setting names it', () => {
    assert.deepEqual(templateFilesOf('docs/Team.MD', { workspaceFolders: ['/ws'], trusted: false }), {
      templatePath: join('/ws', 'docs/Team.MD'),
      schemaPath: join('/ws', 'docs/Team.schema.yaml'),
    });
  });

  describe('schema against its template', () => {
    const mismatches = (template: string, schema: string) => {
      const read = readSchemaYaml(schema, 'x.schema.yaml');
      assert.ok(read.schema, JSON.stringify(read.problems));
      return templateMismatches(createPostmortemService(template, schema), read.lineOf).map((m) => `${m.in}:${m.line + 1}: ${m.message}`);
    };

    it('finds nothing wrong with the shipped pair or the custom one', () => {
      assert.deepEqual(mismatches(templateText, schemaText), []);
      assert.deepEqual(mismatches(customTemplate, customSchema), []);
    });

    it('points at a required section or timeline section the template does not have', () => {
      const schema = customSchema.replace('requiredSections: [Summary, Steps]', 'requiredSections:\n  - Summary\n  - Sumary > Details').replace('  section: Steps', '  section: Timeline');
      assert.deepEqual(mismatches(customTemplate, schema), [
        "schema:4: requiredSections.1: 'Sumary > Details' is not a section of the template",
        "schema:14: timeline.section: the template has no section 'Timeline' holding a table with a 'When' column",
      ]);
    });

    it('refuses a template without sections', () => {
      assert.deepEqual(mismatches('# Just a title\n\n**Impact**: [NONE/SOME/ALL]\n', 'name: x\n'), [
        'template:1: the template has no sections (## headings), so no document would be recognised as one of its post-mortems',
      ]);
    });
  });
});
