/**
 * Finds and reads the template the `postmortem.template` setting names, and its schema beside
 * it, without trusting either: every way they can be wrong (a path that escapes the workspace,
 * a missing, unreadable or huge file, bad YAML, a schema of the wrong shape) comes back as a
 * problem with its file and line, never as a throw.
 */
import * as path from 'node:path';
import type { TemplateSchema } from '../server/src/service/template/schema';
import { nodeFileSystem, reason, type HostFileSystem } from './fileSystem';
import type { SchemaReader } from './schemaReader';

/** Larger template or schema files are refused unread. */
export const maxTemplateFileBytes = 1_000_000;

export interface TemplateProblem {
  /** Absolute path of the file the problem is in; undefined for a problem with the setting itself. */
  file?: string;
  /** 0-based line in that file. */
  line: number;
  message: string;
}

export interface TemplateFiles {
  /** The template's path as the setting names it, made absolute (symlinks not resolved). */
  templatePath: string;
  /** `<template name without .md>.schema.yaml` beside the template. */
  schemaPath: string;
}

export type LoadResult =
  | (TemplateFiles & { ok: true; templateText: string; schemaText: string; schema: TemplateSchema; schemaLineOf: (path: (string | number)[]) => number })
  | (Partial<TemplateFiles> & { ok: false; problems: TemplateProblem[]; texts: Map<string, string> });

export interface LoadOptions {
  /** File-system paths of the workspace folders; a relative setting is relative to the first. */
  workspaceFolders: readonly string[];
  /** Whether the user trusts the workspace; when not, both files must lie inside a workspace folder. */
  trusted: boolean;
  /** Reads the schema's YAML (the server loads it from its own bundle when first needed). */
  readSchema: () => SchemaReader;
  /** Where the files are read; Node's file system by default. */
  fs?: HostFileSystem;
}

/** The template and schema paths a setting names, or the problem with the setting. */
export function templateFilesOf(setting: string, options: Pick<LoadOptions, 'workspaceFolders' | 'trusted'>): TemplateFiles | TemplateProblem {
  const value = setting.trim();
  const refuse = (message: string): TemplateProblem => ({ line: 0, message: `Setting postmortem.template '${value}': ${message}` });
  if (!/\.md$/i.test(value)) return refuse('must name a Markdown (.md) template file');
  let templatePath: string;
  if (path.isAbsolute(value)) {
    if (!options.trusted) return refuse('an absolute path is used only in a trusted workspace; give a path relative to the workspace folder');
    templatePath = path.normalize(value);
  } else {
    const folder = options.workspaceFolders[0];
    if (folder === undefined) return refuse('a relative path needs an open workspace folder');
    templatePath = path.resolve(folder, value);
  }
  const schemaPath = path.join(path.dirname(templatePath), `${path.basename(templatePath).replace(/\.md$/i, '')}.schema.yaml`);
  return { templatePath, schemaPath };
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Reads one of the two files: its real path must stay in the workspace when it is not trusted. */
async function readFile(file: string, what: string, options: LoadOptions): Promise<{ text: string } | { problem: TemplateProblem }> {
  const problem = (message: string, inFile = true): { problem: TemplateProblem } => ({
    problem: { file: inFile ? file : undefined, line: 0, message: `${what} ${file}: ${message}` },
  });
  const fs = options.fs ?? nodeFileSystem;
  let real: string;
  try {
    real = await fs.realPath(file);
  } catch (error) {
    return problem(reason(error), false);
  }
  if (!options.trusted) {
    const folders = await Promise.all(options.workspaceFolders.map((f) => fs.realPath(f).catch(() => path.resolve(f))));
    if (!folders.some((folder) => isInside(real, folder))) {
      const via = real === path.resolve(file) ? '' : ` (it leads to ${real})`;
      return problem(`is outside the workspace folder${via}; in an untrusted workspace the template must be inside it`, false);
    }
  }
  try {
    const stat = await fs.stat(real);
    if (stat.type !== 'file') return problem('is not a file', false);
    if (stat.size > maxTemplateFileBytes) return problem(`is larger than ${maxTemplateFileBytes / 1e6} MB (${stat.size} bytes)`);
    const text = await fs.readFile(real);
    // The size can change between stat and read.
    if (text.length > maxTemplateFileBytes) return problem(`is larger than ${maxTemplateFileBytes / 1e6} MB`);
    return { text };
  } catch (error) {
    return problem(`cannot be read: ${reason(error)}`, false);
  }
}

/** Loads the template a (non-empty) `postmortem.template` setting names. */
export async function loadTemplate(setting: string, options: LoadOptions): Promise<LoadResult> {
  const texts = new Map<string, string>();
  const files = templateFilesOf(setting, options);
  if ('message' in files) return { ok: false, problems: [files], texts };
  const { templatePath, schemaPath } = files;
  const fail = (...problems: TemplateProblem[]): LoadResult => ({ ok: false, templatePath, schemaPath, problems, texts });

  const template = await readFile(templatePath, 'Template', options);
  if ('problem' in template) return fail(template.problem);
  if (template.text.trim() === '') return fail({ file: templatePath, line: 0, message: `Template ${templatePath}: the file is empty` });
  texts.set(templatePath, template.text);

  const schemaFile = await readFile(schemaPath, 'Schema', options);
  if ('problem' in schemaFile) {
    const { problem } = schemaFile;
    if (problem.message.endsWith('file not found')) {
      problem.message += ` (a template needs its schema beside it, named ${path.basename(schemaPath)})`;
    }
    return fail(problem);
  }
  texts.set(schemaPath, schemaFile.text);

  let read;
  try {
    read = options.readSchema()(schemaFile.text, schemaPath);
  } catch (error) {
    return fail({ line: 0, message: `The server cannot read YAML schemas: ${(error as Error)?.message ?? error}` });
  }
  if (read.problems) {
    return fail(...read.problems.map((p) => ({ file: schemaPath, line: p.line, message: `${schemaPath}:${p.line + 1}: ${p.message}` })));
  }
  return { ok: true, templatePath, schemaPath, templateText: template.text, schemaText: schemaFile.text, schema: read.schema, schemaLineOf: read.lineOf };
}
