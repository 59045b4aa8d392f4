#!/usr/bin/env node
'use strict';
// Runs the built CLI (dist/cli.js) when there is one; in a fresh checkout,
// without a build, runs the TypeScript sources through tsx instead.
const { existsSync } = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'dist', 'cli.js');
if (existsSync(built)) {
  require(built).main();
} else {
  const { spawnSync } = require('node:child_process');
  const { pathToFileURL } = require('node:url');
  let loader;
  try {
    loader = pathToFileURL(require.resolve('tsx')).href;
  } catch {
    process.stderr.write('plumbline: dist/cli.js is not built and tsx is not installed; run "npm ci" or "npm run build".\n');
    process.exit(2);
  }
  const source = path.join(__dirname, '..', 'server', 'src', 'cli', 'main.ts');
  const result = spawnSync(process.execPath, ['--import', loader, source, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.error) throw result.error;
  process.exitCode = result.status ?? 2;
}
