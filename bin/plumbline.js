#!/usr/bin/env node
'use strict';
// Runs the bundled CLI, in a checkout as in an installed package (starting
// the TypeScript sources through a loader cost about a second per run; in a
// checkout, `npm run build` refreshes the bundle and `npm run cli` runs the
// sources instead).
//
// Compiling the 800 KB bundle was half of a one-file check's CPU time, so the
// bundle is run through V8's code cache: the first run stores the compiled
// code in the user's cache directory, named after the bundle file's identity
// and change time, and later runs load it instead of compiling. A cache holds
// only the functions its run compiled, so it records what that run covered
// (the command and the file kinds parsed); a run that covers more (a Dockerfile
// after a `--version`) stores it again, with both. The libraries only some
// runs need are chunks (dist/chunks/, see scripts/build.mjs), each with its
// own cache entry, written by the first run that loads it. Without a writable
// cache it compiles each time.
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const built = path.join(__dirname, '..', 'dist', 'cli.js');
const chunks = path.join(__dirname, '..', 'dist', 'chunks');
/** Cache entries kept: a few installed versions or checkouts (a bundle and its chunks each), without growing with every rebuild. */
const KEPT_ENTRIES = 32;

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
 * Names the bundle's cache entry: any rewrite of the file (a build, an npm
 * install or upgrade) changes its change time (ctime), which no tool can set
 * back, so a stale entry is never read (V8 itself checks only the length).
 * A stat takes microseconds; hashing the text first loaded zlib or crypto.
 */
function fileKey(file) {
  const stat = fs.statSync(file, { bigint: true });
  return `${stat.dev.toString(36)}-${stat.ino.toString(36)}-${stat.ctimeNs.toString(36)}-${stat.size.toString(36)}`;
}

/** Deletes all but the most recently written cache entries. */
function dropOldEntries(directory) {
  const entries = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.v8cache'))
    .map((name) => ({ file: path.join(directory, name), written: fs.statSync(path.join(directory, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const { file } of entries.slice(KEPT_ENTRIES)) fs.rmSync(file, { force: true });
}

/** A cache file: this tag, the header's length (4 bytes, little-endian), the header (JSON), then V8's data. */
const CACHE_TAG = 'PLC1';

/** The cache entry's V8 data and what its run covered, or undefined when there is none (or it is not ours). */
function readCache(file) {
  const bytes = readOrUndefined(file);
  if (bytes === undefined || bytes.length < 8 || bytes.toString('latin1', 0, 4) !== CACHE_TAG) return undefined;
  const dataStart = 8 + bytes.readUInt32LE(4);
  try {
    const { covered } = JSON.parse(bytes.toString('utf8', 8, dataStart));
    return Array.isArray(covered) ? { covered, data: bytes.subarray(dataStart) } : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file, covered, data) {
  const header = Buffer.from(JSON.stringify({ covered }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, Buffer.concat([Buffer.from(CACHE_TAG, 'latin1'), length, header, data]), { mode: 0o600 });
  fs.renameSync(partial, file);
}

/** Evaluated chunks by file, so that each runs once, as require() would. */
const loadedChunks = new Map();

/** require() for the bundle or a chunk: a chunk is loaded through its code cache too. */
function requireFor(file) {
  const requireHere = Module.createRequire(file);
  const requireWithChunks = (id) => {
    const target = id.startsWith('.') ? path.resolve(path.dirname(file), id) : undefined;
    if (target === undefined || path.dirname(target) !== chunks) return requireHere(id);
    if (!loadedChunks.has(target))
      loadedChunks.set(
        target,
        loadWithCodeCache(target, () => []),
      );
    return loadedChunks.get(target);
  };
  return Object.assign(requireWithChunks, { resolve: requireHere.resolve, cache: requireHere.cache, main: requireHere.main });
}

/**
 * Evaluates a file of the bundle as require() would, with V8's code cache;
 * returns its exports. `coverage()` says at exit what this run covered, for
 * the entry's header.
 */
function loadWithCodeCache(file, coverage) {
  const key = `${fileKey(file)}-${process.version}-${process.arch}`;
  const cacheFile = path.join(cacheDirectory(), `${path.basename(file, '.js')}-${key}.v8cache`);
  const cached = readCache(cacheFile);
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData: cached?.data });
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(loaded.exports, loaded.exports, requireFor(file), loaded, file, path.dirname(file));
  // After the run, so the functions the run compiled are in the cache too;
  // those loaded from the old cache are compiled as well, so nothing is lost.
  process.once('exit', () => {
    const fresh = cached !== undefined && !script.cachedDataRejected;
    const before = fresh ? cached.covered : [];
    const added = coverage().filter((item) => !before.includes(item));
    if (fresh && added.length === 0) return;
    try {
      writeCache(cacheFile, [...before, ...added], script.createCachedData());
      dropOldEntries(path.dirname(cacheFile));
    } catch {
      // A read-only home or a full disk: the next run compiles again.
    }
  });
  return loaded.exports;
}

if (!fs.existsSync(built)) {
  process.stderr.write('plumbline: dist/cli.js is not built; run "npm run build" (or "npm run cli" to run the sources).\n');
  process.exit(2);
}
// A bundle built before the header existed reports nothing (a checkout not rebuilt yet).
const cli = loadWithCodeCache(built, () => cli.codeCacheCoverage?.() ?? []);
cli.main();
