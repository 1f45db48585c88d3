/**
 * postmortem-check: the editor's checks on post-mortems, from the command line, for a CI job
 * over a repository of post-mortems or a pre-commit hook. The same pure service as the
 * language server, the same rules and levels, the shipped template or a team's own.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { serviceOfLoadedTemplate } from '../../host/templateConsistency';
import { loadTemplate } from '../../host/templateLoader';
import { defaultTemplateModel } from '../../host/defaultTemplate';
import { reason } from '../../host/fileSystem';
import { bundledSchemaReader } from '../../host/schemaReaderBundle';
import { postmortemFolderOf } from '../../host/postmortemFolder';
import { classify, maxDocumentLength, serviceFor, type PostmortemService } from '../../server/src/service/service';
import { URI } from '../../host/uri';
import { collectMarkdownFiles } from '../../host/markdownFiles';
import { readOptions, usage, UsageError } from './options';
import { formatReports, levelOf, type FileReport } from './report';

declare const POSTMORTEM_VERSION: string;

/** The service over the shipped template, or over --template; problems with the template are thrown as text. */
async function serviceOf(template: string | undefined): Promise<PostmortemService> {
  if (template === undefined) return serviceFor(defaultTemplateModel());
  const result = await loadTemplate(path.resolve(template), { workspaceFolders: [process.cwd()], trusted: true, readSchema: bundledSchemaReader });
  const checked = result.ok ? serviceOfLoadedTemplate(result) : result;
  if (checked.problems) throw new TemplateError(checked.problems.map((p) => p.message));
  return checked.service;
}

class TemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Runs the check; returns the exit status. */
export async function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let options;
  try {
    options = readOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`postmortem-check: ${error.message}\nRun postmortem-check --help for the options.\n`);
    return 2;
  }
  if (options === 'help') {
    out(usage);
    return 0;
  }
  if (options === 'version') {
    out(`${typeof POSTMORTEM_VERSION === 'string' ? POSTMORTEM_VERSION : 'development'}\n`);
    return 0;
  }

  let service: PostmortemService;
  try {
    service = await serviceOf(options.template);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    err(`postmortem-check: cannot use the template ${options.template}:\n${error.problems.map((p) => `  ${p}\n`).join('')}`);
    return 2;
  }

  const { files, problems } = await collectMarkdownFiles(options.paths);
  let failedToRun = problems.length > 0;
  for (const p of problems) err(`postmortem-check: ${p.path}: ${p.message}\n`);

  const reports: FileReport[] = [];
  let checked = 0;
  /** Markdown files that are no post-mortem, and post-mortems whose front matter says postmortem: false. */
  let notPostmortems = 0;
  let optedOut = 0;
  // The same detection as the editor's, with the post-mortem folder as the CLI knows it.
  const postmortemFolder = path.resolve(options.folder);
  const folderName = path.basename(postmortemFolder);
  const folderParent = [URI.fromPath(path.dirname(postmortemFolder))];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      err(`postmortem-check: ${file}: ${reason(error)}\n`);
      failedToRun = true;
      continue;
    }
    if (text.length > maxDocumentLength) {
      err(`postmortem-check: ${file}: too large to check (${(text.length / 1e6).toFixed(1)} million characters; the limit is ${maxDocumentLength / 1e6} million)\n`);
      failedToRun = true;
      continue;
    }
    // Editors do not count a byte order mark as a character: columns are as VS Code shows them.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const analysis = service.analyze(text, { dateOrder: options.dateOrder });
    const detection = classify(analysis, { folder: postmortemFolderOf(URI.fromPath(path.resolve(file)), folderName, folderParent) });
    if (detection.by === 'front-matter' && !detection.postmortem) {
      optedOut++;
      continue;
    }
    if (!options.all && !detection.postmortem) {
      notPostmortems++;
      continue;
    }
    checked++;
    let diagnostics = service.diagnostics(analysis, { levels: options.levels });
    if (options.quiet) diagnostics = diagnostics.filter((d) => levelOf(d) === 'error');
    // The rules report in rule order; a reader goes down the file.
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    if (diagnostics.length > 0) reports.push({ file, diagnostics });
  }

  const output = formatReports(reports, options.format);
  if (output !== '' || options.format === 'json') out(output);
  const all = reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => levelOf(d) === 'error').length;
  const warnings = all.filter((d) => levelOf(d) === 'warning').length;
  const others = all.length - errors - warnings;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const findings = [plural(errors, 'error'), plural(warnings, 'warning'), ...(others > 0 ? [plural(others, 'note')] : [])].join(', ');
  const skipped = [
    ...(notPostmortems > 0 ? [`${plural(notPostmortems, 'other Markdown file')} skipped: not a post-mortem; --all checks them`] : []),
    ...(optedOut > 0 ? [`${plural(optedOut, 'file')} skipped: postmortem: false in front matter`] : []),
  ];
  err(`${findings} in ${plural(checked, 'post-mortem')}${skipped.length > 0 ? ` (${skipped.join('; ')})` : ''}\n`);
  if (failedToRun) return 2;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    err(`postmortem-check: more than ${plural(options.maxWarnings, 'warning')} (--max-warnings)\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  // Output piped into a reader that stops early (`| head`): stop quietly, as other tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text)).then(
    (status) => {
      process.exitCode = status;
    },
    (error) => {
      process.stderr.write(`postmortem-check: ${(error as Error)?.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
