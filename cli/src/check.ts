/**
 * postmortem-check: the editor's checks on post-mortems, from the command line, for a CI job
 * over a repository of post-mortems or a pre-commit hook. The same pure service as the
 * language server, the same rules and levels, the shipped template or a team's own.
 */
import { readFile } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { reason } from '../../host/fileSystem';
import { collectMarkdownFiles } from '../../host/markdownFiles';
import { reviewStatusOf } from '../../server/src/service/analysis';
import type { PostmortemService } from '../../server/src/service/service';
import { duplicateIdOutcome, serviceOf, TemplateError, type CheckSettings, type FileOutcome } from './checkFile';
import { readOptions, usage, UsageError } from './options';
import { inThreadChecker, runWorker, workerPool, type Checker, type CheckerEvents, type CheckFailure, type Job, type WorkerData } from './pool';
import { runReport } from './indexReport';
import { ReportWriter } from './report';

declare const POSTMORTEM_VERSION: string;

/** Cores this process may use (os.availableParallelism is Node 18.14 and later). */
const cores = () => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) || 1;

/** Fewer files are checked in the main thread: starting workers would take longer than checking them. */
const leastFilesForWorkers = 50;
/** Worker threads by default: one per core, up to this many. */
const mostDefaultThreads = 4;
/** Reads in flight at once. */
const concurrentReads = 16;
/**
 * Files between the next one to write and the last one read: what waits for an earlier file is
 * held, so this bounds the memory whatever the number of files.
 */
const leastWindow = 64;
const windowPerThread = 16;
/** Bytes read and not yet checked, past which no more reads start. */
const mostBytesHeld = 64 * 1024 * 1024;

/**
 * Runs the check; returns the exit status. `out` may return false when the output cannot take
 * more for now; then no more files are read until `drained` resolves.
 */
export async function main(argv: readonly string[], out: (text: string) => boolean | void, err: (text: string) => void, drained?: () => Promise<void>): Promise<number> {
  if (argv[0] === 'report') return runReport(argv.slice(1), out, err);
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

  // A team's template is loaded first, so that its problems are told before any file is read
  // (workers load it again); the shipped one only when this thread checks the files.
  let service: PostmortemService | undefined;
  try {
    if (options.template !== undefined) service = await serviceOf(options.template);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    err(`postmortem-check: cannot use the template ${options.template}:\n${error.problems.map((p) => `  ${p}\n`).join('')}`);
    return 2;
  }

  // --status must be one of the template's statuses (read in any case, as in front matter).
  if (options.status !== undefined) {
    const model = (service ??= await serviceOf(undefined)).template;
    const statuses = model.schema.review?.statuses ?? [];
    if (!reviewStatusOf(model, options.status)) {
      err(`postmortem-check: --status ${options.status}: ${statuses.length ? `the template's review statuses are ${statuses.map((s) => s.name).join(', ')}` : 'the template has no review statuses'}\nRun postmortem-check --help for the options.\n`);
      return 2;
    }
  }

  const { files, problems } = await collectMarkdownFiles(options.paths);
  for (const p of problems) err(`postmortem-check: ${p.path}: ${p.message}\n`);
  const settings: CheckSettings = {
    template: options.template,
    levels: options.levels,
    status: options.status,
    format: options.format,
    all: options.all,
    quiet: options.quiet,
    dateOrder: options.dateOrder,
    today: options.today,
    postmortemFolder: path.resolve(options.folder),
  };
  const threads = Math.min(options.threads ?? (files.length >= leastFilesForWorkers ? Math.min(cores(), mostDefaultThreads) : 1), files.length);

  const writer = new ReportWriter(options.format, out);
  let failedToRun = problems.length > 0;
  let checked = 0;
  /** Markdown files that are no post-mortem, and post-mortems whose front matter says postmortem: false. */
  let notPostmortems = 0;
  let optedOut = 0;
  let errors = 0;
  let warnings = 0;
  let others = 0;
  /** The checked files by Incident ID: the IDs several files share are reported once all are checked. */
  const idFiles = new Map<string, string[]>();
  /** Writes a file's outcome, in file order; false when the output is full for now. */
  const write = (file: string, outcome: FileOutcome): boolean | void => {
    switch (outcome.kind) {
      case 'problem':
        err(`postmortem-check: ${file}: ${outcome.message}\n`);
        failedToRun = true;
        return true;
      case 'not-postmortem':
        notPostmortems++;
        return true;
      case 'opted-out':
        optedOut++;
        return true;
      case 'checked':
        checked++;
        if (outcome.id !== undefined) idFiles.set(outcome.id, [...(idFiles.get(outcome.id) ?? []), file]);
        errors += outcome.errors;
        warnings += outcome.warnings;
        others += outcome.others;
        return writer.write(outcome.output);
    }
  };

  let startChecker: (events: CheckerEvents) => Checker;
  if (threads > 1) {
    startChecker = (events) => workerPool(__filename, threads, settings, events);
  } else {
    const inThread = service ?? (await serviceOf(undefined));
    startChecker = (events) => inThreadChecker(inThread, settings, events);
  }
  const failure = await checkAll(files, startChecker, Math.max(leastWindow, windowPerThread * threads), write, drained);
  if (failure) {
    if (failure.templateProblems) {
      err(`postmortem-check: cannot use the template ${options.template}:\n${failure.templateProblems.map((p) => `  ${p}\n`).join('')}`);
    } else {
      err(`postmortem-check: ${failure.file === undefined ? '' : `${failure.file}: `}the check failed: ${failure.message}\n`);
    }
    return 2;
  }

  // An Incident ID several checked files share: reported on each of them, after the others.
  const shared = [...idFiles].filter(([, sharing]) => sharing.length > 1);
  if (shared.length > 0) {
    const ids = new Set(idFiles.keys());
    const main = service ?? (await serviceOf(undefined));
    for (const [, sharing] of shared) {
      for (const file of sharing) {
        let bytes: Buffer;
        try {
          bytes = await new Promise<Buffer>((resolve, reject) => readFile(file, (error, data) => (error ? reject(error) : resolve(data))));
        } catch (error) {
          err(`postmortem-check: ${file}: ${reason(error)}\n`);
          failedToRun = true;
          continue;
        }
        const outcome = duplicateIdOutcome(main, settings, file, bytes, sharing.filter((f) => f !== file), ids);
        if (outcome.kind !== 'checked') continue;
        errors += outcome.errors;
        warnings += outcome.warnings;
        others += outcome.others;
        writer.write(outcome.output);
      }
    }
  }

  writer.end();
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

/**
 * Reads the files (a few at once), has them checked (in this thread, or by workers) and
 * writes each one's outcome as soon as every file before it is written: the output is in file
 * order, and only outcomes waiting for an earlier file are held. Resolves when all are
 * written, or with why the check stopped.
 */
function checkAll(
  files: readonly string[],
  startChecker: (events: CheckerEvents) => Checker,
  windowSize: number,
  write: (file: string, outcome: FileOutcome) => boolean | void,
  drained: (() => Promise<void>) | undefined,
): Promise<CheckFailure | undefined> {
  return new Promise((resolve) => {
    /** Outcomes known, by index, that wait for an earlier file. */
    const outcomes = new Map<number, FileOutcome>();
    /** Files read and waiting for room in the checker. */
    const ready: Job[] = [];
    /** Bytes of each file read and not yet checked. */
    const held = new Map<number, number>();
    let bytesHeld = 0;
    let nextRead = 0;
    let nextWrite = 0;
    let reading = 0;
    let outputFull = false;
    let stopped = false;

    const finish = (failure?: CheckFailure) => {
      if (stopped) return;
      stopped = true;
      void checker.close().then(() => resolve(failure));
    };
    const events = {
      done(index: number, outcome: FileOutcome) {
        bytesHeld -= held.get(index) ?? 0;
        held.delete(index);
        settle(index, outcome);
      },
      failed: finish,
    };
    const checker = startChecker(events);

    const settle = (index: number, outcome: FileOutcome) => {
      if (stopped) return;
      outcomes.set(index, outcome);
      for (let next = outcomes.get(nextWrite); next !== undefined; next = outcomes.get(nextWrite)) {
        outcomes.delete(nextWrite);
        if (write(files[nextWrite++], next) === false && drained && !outputFull) {
          // Outcomes already known are still written (the stream queues them); no more reads start.
          outputFull = true;
          void drained().then(() => {
            outputFull = false;
            pump();
          });
        }
      }
      if (nextWrite === files.length) finish();
      else pump();
    };
    const read = (index: number) => {
      reading++;
      readFile(files[index], (error, bytes) => {
        reading--;
        if (stopped) return;
        if (error) return settle(index, { kind: 'problem', message: reason(error) });
        held.set(index, bytes.length);
        bytesHeld += bytes.length;
        ready.push({ index, file: files[index], bytes });
        pump();
      });
    };
    function pump() {
      if (stopped) return;
      while (ready.length > 0 && checker.hasRoom()) checker.submit(ready.shift()!);
      while (!outputFull && nextRead < files.length && reading < concurrentReads && nextRead - nextWrite < windowSize && bytesHeld < mostBytesHeld) read(nextRead++);
    }

    if (files.length === 0) finish();
    else pump();
  });
}

if (!isMainThread && (workerData as Partial<WorkerData> | undefined)?.postmortemCheckWorker) {
  runWorker(workerData as WorkerData);
} else if (require.main === module) {
  // Output piped into a reader that stops early (`| head`): stop quietly, as other tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  main(
    process.argv.slice(2),
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
    () => new Promise((resolve) => process.stdout.once('drain', resolve)),
  ).then(
    (status) => {
      process.exitCode = status;
    },
    (error) => {
      process.stderr.write(`postmortem-check: ${(error as Error)?.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
