#!/usr/bin/env node
// Bundles the extension with esbuild: one CommonJS file per entry point, for
// Node 20, minified without source maps (what the vsix ships). `--dev` keeps
// names and adds source maps for debugging. `--outdir <dir>` writes the
// bundles elsewhere than dist/ (the benchmarks build a private copy).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const dev = process.argv.includes('--dev');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt === -1 ? 'dist' : process.argv[outdirAt + 1];

/** Entry point → bundle. `vscode` exists only inside the editor, so it stays external. */
const entries = [
  { in: 'client/src/extension.ts', out: join(outdir, 'client.js') },
  { in: 'server/src/lsp/main.ts', out: join(outdir, 'server.js') },
  { in: 'server/src/cli/main.ts', out: join(outdir, 'cli.js') },
  // The CLI's (and later the server's) lint worker threads, started from the bundle beside it.
  { in: 'server/src/engine/lintWorker.ts', out: join(outdir, 'lintWorker.js') },
];

// A development build's maps would otherwise outlive it next to the minified bundles.
if (!dev) for (const entry of entries) rmSync(`${entry.out}.map`, { force: true });

await Promise.all(
  entries.map((entry) =>
    build({
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      minify: !dev,
      sourcemap: dev,
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
);
console.log(`Built ${entries.map((entry) => entry.out).join(', ')}${dev ? ' (development)' : ''}.`);
