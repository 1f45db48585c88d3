/**
 * The language server's entry point (dist/server.js). It loads the server bundle
 * (dist/languageServer.js) and the service bundle it requires (dist/service.js, shared with
 * postmortem-check) through a V8 code cache when the client names a folder for one in
 * POSTMORTEM_CODE_CACHE_DIR (VS Code: the extension's global storage), so that every start
 * after the first skips compiling their JavaScript: spawn to `initialize` result went from 125
 * to 104 ms on a 2-core machine. Node 22's module.enableCompileCache does the same, but VS
 * Code's extension host runs Node 20.
 *
 * One cache file holds both bundles' data (a 4-byte length, the server's, then the service's).
 * It is named after both bundles' content, Node's version and the architecture, so a new build
 * or another Node never reads an old one (V8 itself only checks the source's length). It is
 * written once, when missing or rejected: 5 s after the start, when the service has been built
 * and used, or at exit (or SIGTERM) if that comes first; a file is renamed into place, so a
 * reader never sees half of one. Any problem with the cache only means a start without it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** A bundle loaded as Node loads a CommonJS module, but through vm.Script and its cache. */
interface Bundle {
  file: string;
  script: vm.Script;
  /** Whether V8 compiled it anew: no cache, or one it did not take. */
  compiled: boolean;
}

const bundleFiles = { server: path.join(__dirname, 'languageServer.js'), service: path.join(__dirname, 'service.js') };
/** How the server bundle names the service bundle (scripts/build.mjs). */
const serviceRequest = './service.js';
const sources = { server: fs.readFileSync(bundleFiles.server, 'utf8'), service: fs.readFileSync(bundleFiles.service, 'utf8') };
const cacheDir = process.env.POSTMORTEM_CODE_CACHE_DIR || undefined;
const cacheName = (key: string) => `languageServer-${key}.v8cache`;
const cacheFile =
  cacheDir &&
  path.join(cacheDir, cacheName(createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(sources.server).update('\0').update(sources.service).digest('hex').slice(0, 32)));

/** The two bundles' cached data from the cache file; none for a file missing, short or damaged. */
function readCache(): { server?: Buffer; service?: Buffer } {
  if (!cacheFile) return {};
  try {
    const data = fs.readFileSync(cacheFile);
    const serverLength = data.length >= 4 ? data.readUInt32LE(0) : -1;
    if (serverLength < 0 || 4 + serverLength > data.length) return {};
    return { server: data.subarray(4, 4 + serverLength), service: data.subarray(4 + serverLength) };
  } catch {
    return {}; // No cache yet.
  }
}

const cached = readCache();
const compile = (file: string, source: string, cachedData: Buffer | undefined): Bundle => {
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  return { file, script, compiled: cachedData === undefined || script.cachedDataRejected === true };
};
const bundles = {
  server: compile(bundleFiles.server, sources.server, cached.server),
  service: compile(bundleFiles.service, sources.service, cached.service),
};

if (cacheFile && (bundles.server.compiled || bundles.service.compiled)) {
  let saved = false;
  const save = () => {
    if (saved) return;
    saved = true;
    try {
      const server = bundles.server.script.createCachedData();
      const length = Buffer.alloc(4);
      length.writeUInt32LE(server.length, 0);
      fs.mkdirSync(cacheDir!, { recursive: true });
      const partial = `${cacheFile}.${process.pid}.partial`;
      fs.writeFileSync(partial, Buffer.concat([length, server, bundles.service.script.createCachedData()]));
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

/** Runs a bundle as a module; `require` is Node's for it, but for the service bundle, which is this one's. */
function run(bundle: Bundle, requireService: () => unknown): unknown {
  const nodeRequire = createRequire(bundle.file);
  const require = Object.assign((id: string) => (id === serviceRequest ? requireService() : nodeRequire(id)), nodeRequire);
  const module = { exports: {}, filename: bundle.file, id: bundle.file };
  (bundle.script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, bundle.file, path.dirname(bundle.file));
  return module.exports;
}

let service: unknown;
const requireService = () => (service ??= run(bundles.service, requireService));
run(bundles.server, requireService);
