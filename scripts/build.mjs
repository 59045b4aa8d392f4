#!/usr/bin/env node
// Bundles the extension with esbuild: one CommonJS file per entry point, for
// Node 20, minified without source maps (what the vsix ships). `--dev` keeps
// names and adds source maps for debugging.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const dev = process.argv.includes('--dev');

/** Entry point → bundle. `vscode` exists only inside the editor, so it stays external. */
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js' },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js' },
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
