#!/usr/bin/env node
'use strict';
// Runs the bundled CLI, in a checkout as in an installed package (starting
// the TypeScript sources through a loader cost about a second per run; in a
// checkout, `npm run build` refreshes the bundle and `npm run cli` runs the
// sources instead).
//
// Compiling the 800 KB bundle was half of a one-file check's CPU time, so the
// bundle is run through V8's code cache: the first run stores the compiled
// code in the user's cache directory, under a hash of the bundle's text, and
// later runs load it instead of compiling. Without a writable cache it runs
// as a plain require().
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const built = path.join(__dirname, '..', 'dist', 'cli.js');

function cacheDirectory() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'plumbline');
}

function readOrUndefined(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * A checksum of the bundle's bytes: the cache entry must change with the
 * text, since V8 itself checks only its length. zlib's CRC-32 takes under a
 * millisecond; Node 20 releases without it fall back to SHA-256 (loading
 * node:crypto costs about 15 ms).
 */
function contentKey(bytes) {
  const { crc32 } = require('node:zlib');
  const sum = crc32 ? crc32(bytes).toString(16) : require('node:crypto').createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `${sum}-${bytes.length}`;
}

/** Evaluates the bundle as require() would, with V8's code cache; returns its exports. */
function loadWithCodeCache(bytes) {
  const source = bytes.toString('utf8');
  const key = `${contentKey(bytes)}-${process.version}-${process.arch}`;
  const cacheFile = path.join(cacheDirectory(), `cli-${key}.v8cache`);
  const cachedData = readOrUndefined(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: built, cachedData });
  const bundle = new Module(built, module);
  bundle.filename = built;
  bundle.paths = Module._nodeModulePaths(path.dirname(built));
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(built), bundle, built, path.dirname(built));
  if (!cachedData || script.cachedDataRejected) {
    // After the run, so the functions the run compiled are in the cache too.
    process.once('exit', () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
        const partial = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(partial, cacheFile);
      } catch {
        // A read-only home or a full disk: the next run compiles again.
      }
    });
  }
  return bundle.exports;
}

const source = readOrUndefined(built);
if (!source) {
  process.stderr.write('plumbline: dist/cli.js is not built; run "npm run build" (or "npm run cli" to run the sources).\n');
  process.exit(2);
}
loadWithCodeCache(source).main();
