/**
 * Preloaded into postmortem-check (node --require) by test/cli/threads.test.ts. In a worker
 * thread, checking the file named by POSTMORTEM_TEST_CRASH_ON throws outside any handler, as a
 * bug in a check would: the test sees how the main thread takes a worker that dies. Production
 * code holds no such hook.
 *
 * The worker's own message listener is wrapped, not joined by another one: a port calls each
 * listener even when one throws, so the worker would still check the file and answer.
 */
const { isMainThread, parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');

const crashOn = process.env.POSTMORTEM_TEST_CRASH_ON;
if (!isMainThread && crashOn && workerData && workerData.postmortemCheckWorker) {
  const on = parentPort.on.bind(parentPort);
  let crashed = false;
  parentPort.on = (event, listener) => {
    if (event !== 'message') return on(event, listener);
    return on(event, (job) => {
      // A dying worker checks nothing more (jobs queued behind may still be handed over).
      if (crashed) return;
      if (path.basename(job.file) === crashOn) {
        crashed = true;
        // As the worker does before it checks a file.
        Atomics.store(new Int32Array(workerData.checking), 0, job.index);
        throw new Error(`asked to crash on ${crashOn}`);
      }
      listener(job);
    });
  };
}
