/**
 * The language server's entry point (dist/server.js). It loads the server bundle
 * (dist/languageServer.js) through a V8 code cache when the client names a folder for one in
 * POSTMORTEM_CODE_CACHE_DIR (VS Code: the extension's global storage), so that every start
 * after the first skips compiling the bundle's JavaScript: spawn to `initialize` result went
 * from 125 to 104 ms on a 2-core machine. Node 22's module.enableCompileCache does the same,
 * but VS Code's extension host runs Node 20.
 *
 * The cache file is named after the bundle's content, Node's version and the architecture, so
 * a new build or another Node never reads an old one (V8 itself only checks the source's
 * length). It is written once, when missing or rejected: 5 s after the start, when the
 * service has been built and used, or at exit (or SIGTERM) if that comes first; a file is renamed into
 * place, so a reader never sees half of one. Any problem with the cache only means a start
 * without it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const serverPath = path.join(__dirname, 'languageServer.js');
const source = fs.readFileSync(serverPath, 'utf8');
const cacheDir = process.env.POSTMORTEM_CODE_CACHE_DIR || undefined;
const cacheName = (key: string) => `languageServer-${key}.v8cache`;
const cacheFile = cacheDir && path.join(cacheDir, cacheName(createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(source).digest('hex').slice(0, 32)));

let cachedData: Buffer | undefined;
if (cacheFile) {
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache yet.
  }
}
const script = new vm.Script(wrap(source), { filename: serverPath, cachedData });

if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
  let saved = false;
  const save = () => {
    if (saved) return;
    saved = true;
    try {
      const data = script.createCachedData();
      fs.mkdirSync(cacheDir!, { recursive: true });
      const partial = `${cacheFile}.${process.pid}.partial`;
      fs.writeFileSync(partial, data);
      fs.renameSync(partial, cacheFile);
      // Caches of older builds or another Node are of no more use.
      for (const name of fs.readdirSync(cacheDir!)) {
        const other = path.join(cacheDir!, name);
        if (other !== cacheFile && /^languageServer-\w+\.v8cache$/.test(name)) fs.rmSync(other, { force: true });
      }
    } catch {
      // A folder that cannot be written: the next start compiles again.
    }
  };
  setTimeout(save, 5000).unref();
  process.once('exit', save);
  // Editors that end the server with SIGTERM (Neovim when it quits) get the cache written too;
  // the signal is then raised again, so the server ends as it would have.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => {
      save();
      try {
        process.kill(process.pid, signal);
      } catch {
        process.exit(1); // Windows emulates only some signals
      }
    });
  }
}

const serverModule = { exports: {}, filename: serverPath, id: serverPath };
(script.runInThisContext() as (...args: unknown[]) => void).call(
  serverModule.exports,
  serverModule.exports,
  createRequire(serverPath),
  serverModule,
  serverPath,
  path.dirname(serverPath),
);
