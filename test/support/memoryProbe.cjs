// Preloaded (node --expose-gc --require) into a language server that LspClient starts with
// `memoryProbe: true`: on the client's { type: 'memory' } IPC message it collects garbage fully
// and answers with process.memoryUsage(), so the client can read the server's heap. It adds no
// work to the server otherwise, and the IPC channel does not keep the server alive.
'use strict';
if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message?.type !== 'memory') return;
    globalThis.gc?.();
    process.send({ type: 'memory', usage: process.memoryUsage() });
  });
  // After the listener, which counts as a reference to the channel.
  process.channel?.unref();
}
