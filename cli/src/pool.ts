/**
 * Where files are checked: in the main thread, one at a time between reads, or in a pool of
 * worker threads, each with the service loaded once. A worker is dist/cli.js itself, started
 * with the check's settings as its workerData (see check.ts): the bundle already holds the
 * service and the shipped template, so a second bundle would only duplicate them.
 *
 * Per file a worker is sent the path and the bytes (their buffer moved, not copied) and sends
 * back what is written of the file (checkFile.ts: FileOutcome), never diagnostics.
 */
import { parentPort, Worker } from 'node:worker_threads';
import type { PostmortemService } from '../../server/src/service/service';
import { fileChecker, serviceOf, TemplateError, type CheckSettings, type FileOutcome } from './checkFile';

export interface Job {
  index: number;
  file: string;
  bytes: Buffer;
}

/** Why the check stopped: the file being checked when it did, and what happened. */
export interface CheckFailure {
  file?: string;
  message: string;
  /** The template could not be used (in a worker, which loads it again). */
  templateProblems?: string[];
}

export interface Checker {
  /** Whether it takes another job now (each worker holds at most a few). */
  hasRoom(): boolean;
  submit(job: Job): void;
  /** Ends the workers. */
  close(): Promise<void>;
}

export interface CheckerEvents {
  done(index: number, outcome: FileOutcome): void;
  /** A file's check threw or a worker died: the run stops. Called at most once. */
  failed(failure: CheckFailure): void;
}

const stackOf = (error: unknown) => String((error as Error)?.stack ?? error);

/** The files checked in this thread, one per turn of the event loop, so that reads keep going meanwhile. */
export function inThreadChecker(service: PostmortemService, settings: CheckSettings, events: CheckerEvents): Checker {
  const check = fileChecker(service, settings);
  const queue: Job[] = [];
  let scheduled = false;
  let failed = false;
  const run = () => {
    scheduled = false;
    const job = queue.shift();
    if (!job || failed) return;
    let outcome: FileOutcome;
    try {
      outcome = check(job.file, job.bytes);
    } catch (error) {
      failed = true;
      events.failed({ file: job.file, message: stackOf(error) });
      return;
    }
    events.done(job.index, outcome);
    if (queue.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(run);
  };
  return {
    hasRoom: () => queue.length < 2,
    submit(job) {
      queue.push(job);
      schedule();
    },
    close: async () => {
      failed = true;
    },
  };
}

/** What a worker is started with. */
export interface WorkerData {
  postmortemCheckWorker: CheckSettings;
  /** One Int32: the index of the file the worker is checking, read when it dies (even of lack of memory, when it sends nothing). */
  checking: SharedArrayBuffer;
}

type ToWorker = { index: number; file: string; bytes: Uint8Array };
type FromWorker =
  | { index: number; outcome: FileOutcome }
  | { index: number; failure: string }
  | { fatal: string; templateProblems?: string[] };

/** Files each worker is given ahead: one to check and one waiting, so it never waits for the main thread. */
const jobsPerWorker = 2;

/**
 * Each worker's heap. Its files are small and what it keeps of them little (a few tens of MB),
 * but V8 sizes a heap by its limits: with Node's defaults (semi-spaces of 16 MB, an old
 * generation of a quarter of the machine's memory or so) each worker grew to about 100 MB
 * over 5,000 files of 25 KB. A young generation of 3 MB (semi-spaces of 1 MB) and an old one of
 * at most 1 GB (room still for a 20 million character post-mortem, the largest checked) keep
 * each near 40 MB, and cost no time measurable here: most of what a check allocates dies young.
 */
const workerHeap = { maxYoungGenerationSizeMb: 3, maxOldGenerationSizeMb: 1024 };

/** `count` workers running `entry` (dist/cli.js). */
export function workerPool(entry: string, count: number, settings: CheckSettings, events: CheckerEvents): Checker {
  let closing = false;
  let failed = false;
  const fail = (failure: CheckFailure) => {
    if (failed || closing) return;
    failed = true;
    events.failed(failure);
  };
  const workers = Array.from({ length: count }, () => {
    const checking = new SharedArrayBuffer(4);
    new Int32Array(checking)[0] = -1;
    const worker = new Worker(entry, { workerData: { postmortemCheckWorker: settings, checking } satisfies WorkerData, stdout: false, stderr: false, resourceLimits: workerHeap });
    /** Files sent and not answered yet, by index. */
    const pending = new Map<number, string>();
    /** The file it was checking: as it said, else the first it has not answered. */
    const current = () => pending.get(Atomics.load(new Int32Array(checking), 0)) ?? (pending.values().next().value as string | undefined);
    worker.on('message', (message: FromWorker) => {
      if ('fatal' in message) return fail({ message: message.fatal, templateProblems: message.templateProblems });
      const file = pending.get(message.index);
      pending.delete(message.index);
      if ('failure' in message) return fail({ file, message: message.failure });
      if (!failed) events.done(message.index, message.outcome);
    });
    worker.on('error', (error) => fail({ file: current(), message: `a worker thread stopped: ${stackOf(error)}` }));
    worker.on('exit', (code) => fail({ file: current(), message: `a worker thread exited (code ${code})` }));
    return { worker, pending };
  });
  return {
    hasRoom: () => !failed && workers.some((w) => w.pending.size < jobsPerWorker),
    submit(job) {
      let slot = workers[0];
      for (const w of workers) if (w.pending.size < slot.pending.size) slot = w;
      slot.pending.set(job.index, job.file);
      // A buffer of its own is moved to the worker; a slice of a shared one (a small read can be
      // one) is copied first, never moved.
      const own = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength;
      const bytes = own ? new Uint8Array(job.bytes.buffer, 0, job.bytes.byteLength) : new Uint8Array(job.bytes);
      slot.worker.postMessage({ index: job.index, file: job.file, bytes } satisfies ToWorker, [bytes.buffer as ArrayBuffer]);
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

/** The worker's side: load the service once, then check each file sent. */
export function runWorker({ postmortemCheckWorker: settings, checking }: WorkerData): void {
  const current = new Int32Array(checking);
  const port = parentPort!;
  const post = (message: FromWorker) => port.postMessage(message);
  /** Undefined while the service loads, null when it could not be loaded. */
  let check: ReturnType<typeof fileChecker> | null | undefined;
  const waiting: ToWorker[] = [];
  const handle = (job: ToWorker) => {
    Atomics.store(current, 0, job.index);
    let outcome: FileOutcome;
    try {
      outcome = check!(job.file, Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength));
    } catch (error) {
      post({ index: job.index, failure: stackOf(error) });
      return;
    }
    post({ index: job.index, outcome });
  };
  port.on('message', (job: ToWorker) => {
    if (check === undefined) waiting.push(job);
    else if (check) handle(job);
  });
  serviceOf(settings.template).then(
    (service) => {
      check = fileChecker(service, settings);
      for (const job of waiting.splice(0)) handle(job);
    },
    (error) => {
      check = null;
      if (error instanceof TemplateError) post({ fatal: error.message, templateProblems: error.problems });
      else post({ fatal: stackOf(error) });
    },
  );
}
