/**
 * Where files are checked: in the main thread, one per turn of the event loop, so that the
 * reads of the next files go on meanwhile.
 */
import type { PostmortemService } from '../../server/src/service/service';
import { fileChecker, type CheckSettings, type FileOutcome } from './checkFile';

export interface Job {
  index: number;
  file: string;
  bytes: Buffer;
}

/** Why the check stopped: the file being checked when it did, and what happened. */
export interface CheckFailure {
  file?: string;
  message: string;
}

export interface Checker {
  /** Whether it takes another job now (it holds at most a few). */
  hasRoom(): boolean;
  submit(job: Job): void;
  /** Stops checking. */
  close(): Promise<void>;
}

export interface CheckerEvents {
  done(index: number, outcome: FileOutcome): void;
  /** A file's check threw: the run stops. Called at most once. */
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
