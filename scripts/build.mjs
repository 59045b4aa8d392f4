#!/usr/bin/env node
// Bundles the extension with esbuild: one CommonJS file per entry point, for
// Node 20, minified without source maps (what the vsix ships), plus the CLI's
// chunks (dist/chunks/, see CLI_CHUNKS). `--dev` keeps names and adds source
// maps for debugging. `--outdir <dir>` writes the bundles elsewhere than
// dist/ (the benchmarks build a private copy).
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const dev = process.argv.includes('--dev');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt === -1 ? 'dist' : process.argv[outdirAt + 1];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Bundles `import * as fs from 'node:fs'` (and `node:path`) as one ES module
 * each instead of esbuild's per-import `__toESM(require('node:fs'))`, which
 * copied every export of the module onto a fresh object for each of the ~60
 * importing files: about 1,900 getters, a few milliseconds of every start.
 * The facade re-exports the built-in's data properties (read once, at start);
 * an accessor such as `fs.promises` stays out, so that it is not triggered
 * at start: a named import of one fails the build, a namespace member warns
 * (see `failOnWarnings`). Other built-ins are imported by name, which costs
 * no copy.
 */
const builtinFacades = {
  name: 'builtin-facades',
  setup(pluginBuild) {
    const requireBuiltin = createRequire(import.meta.url);
    pluginBuild.onResolve({ filter: /^node:(?:fs|path)$/ }, (args) =>
      args.kind === 'import-statement' && !args.importer.includes('node_modules') ? { path: args.path, namespace: 'builtin-facade' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'builtin-facade' }, (args) => {
      const builtin = requireBuiltin(args.path);
      const names = Object.getOwnPropertyNames(builtin).filter(
        (name) => IDENTIFIER.test(name) && name !== 'default' && 'value' in Object.getOwnPropertyDescriptor(builtin, name),
      );
      const contents = `const builtin = require(${JSON.stringify(args.path)});\nexport default builtin;\nexport const { ${names.join(', ')} } = builtin;\n`;
      return { contents, loader: 'js', resolveDir: '.' };
    });
  },
};

/**
 * `yaml` (115 KB of the bundle) is needed only to read a `.plumbline.yaml` or
 * a Compose file, yet a dozen modules import its functions (the `isMap`
 * family), so the whole library ran at every start. Those imports get a
 * facade whose functions load it on first call. Only functions can wait: a
 * module importing one of its classes fails the build, and requires yaml
 * where it needs it instead.
 */
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(pluginBuild) {
    const requireLibrary = createRequire(join(process.cwd(), 'package.json'));
    pluginBuild.onResolve({ filter: /^yaml$/ }, (args) =>
      args.kind === 'import-statement' && !args.importer.includes('node_modules') ? { path: args.path, namespace: 'lazy-library' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-library' }, (args) => {
      const library = requireLibrary(args.path);
      const functions = Object.keys(library).filter((name) => typeof library[name] === 'function' && /^[a-z]/.test(name));
      const contents = [
        'let library;',
        `const load = () => (library ??= require(${JSON.stringify(args.path)}));`,
        ...functions.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
      ].join('\n');
      return { contents, loader: 'js', resolveDir: process.cwd() };
    });
  },
};

/**
 * What the CLI requires on first use (by require() specifier) → its chunk,
 * dist/chunks/<name>.js: a run that meets no Python, Markdown or Compose file
 * neither reads nor compiles them (400 KB of the 950 KB bundle). A library
 * shared by two chunks is a chunk of its own, so there is one copy of it.
 * The language server stays one file: it starts once per editor session.
 */
const CLI_CHUNKS = new Map([
  ['@lezer/common', 'lezer-common'],
  ['@lezer/python', 'lezer-python'],
  ['mdast-util-from-markdown', 'markdown'],
  ['ajv', 'ajv'],
  ['./support/compose-spec.schema.json', 'compose-spec'],
]);
const CHUNK_DIRECTORY = 'chunks';

/**
 * Leaves a chunked library out of a bundle, required from its chunk instead;
 * records each chunk's entry (a package name, or the file a relative
 * specifier names) in `chunkEntries`. In the CLI only a require() call (a
 * load on first use) is sent to a chunk; within chunks, every reference is.
 */
function chunkLinks(inChunk, chunkEntries) {
  return {
    name: 'chunk-links',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^(?:@lezer\/|mdast-util-from-markdown$|ajv$|\.\/compose-spec\.schema\.json$)/ }, (args) => {
        const chunk = CLI_CHUNKS.get(args.path);
        if (chunk === undefined || args.kind === 'entry-point' || (!inChunk && args.kind !== 'require-call')) return undefined;
        chunkEntries.set(chunk, args.path.startsWith('.') ? join(args.resolveDir, args.path) : args.path);
        return { path: inChunk ? `./${chunk}.js` : `./${CHUNK_DIRECTORY}/${chunk}.js`, external: true };
      });
    },
  };
}

/** Entry point → bundle. `vscode` exists only inside the editor, so it stays external. */
const entries = [
  { in: 'client/src/extension.ts', out: join(outdir, 'client.js') },
  { in: 'server/src/lsp/main.ts', out: join(outdir, 'server.js') },
  { in: 'server/src/cli/main.ts', out: join(outdir, 'cli.js') },
  // The CLI's (and later the server's) lint worker threads, started from the bundle beside it.
  { in: 'server/src/parallel/lintWorker.ts', out: join(outdir, 'lintWorker.js') },
];

// A development build's maps would otherwise outlive it next to the minified bundles.
if (!dev) for (const entry of entries) rmSync(`${entry.out}.map`, { force: true });
rmSync(join(outdir, CHUNK_DIRECTORY), { recursive: true, force: true });

/** A warning such as "import will always be undefined" means a broken bundle; esbuild has printed it. */
function failOnWarnings(result) {
  if (result.warnings.length > 0) throw new Error(`esbuild reported ${result.warnings.length} warning(s); see above.`);
}

function bundle(entryPoint, outfile, plugins) {
  return build({
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: !dev,
    sourcemap: dev,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [builtinFacades, lazyLibraries, ...plugins],
  }).then(failOnWarnings);
}

const chunkEntries = new Map();
await Promise.all(entries.map((entry) => bundle(entry.in, entry.out, entry.out.endsWith('cli.js') ? [chunkLinks(false, chunkEntries)] : [])));
// Chunks found while bundling a chunk are built too (none today: the shared ones are already listed).
const built = new Set();
while (built.size < chunkEntries.size) {
  const pending = [...chunkEntries].filter(([name]) => !built.has(name));
  for (const [name] of pending) built.add(name);
  await Promise.all(pending.map(([name, entry]) => bundle(entry, join(outdir, CHUNK_DIRECTORY, `${name}.js`), [chunkLinks(true, chunkEntries)])));
}
console.log(`Built ${entries.map((entry) => entry.out).join(', ')} and ${built.size} CLI chunks${dev ? ' (development)' : ''}.`);
