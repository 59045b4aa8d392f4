#!/usr/bin/env node
'use strict';
// In a checkout (the TypeScript sources and tsx are there) the CLI runs from
// the sources, so it never lags behind an edit; an installed package, which
// ships only the bundle, runs dist/cli.js.
const { existsSync } = require('node:fs');
const path = require('node:path');

const source = path.join(__dirname, '..', 'server', 'src', 'cli', 'main.ts');
const built = path.join(__dirname, '..', 'dist', 'cli.js');

function tsxLoader() {
  try {
    return require('node:url').pathToFileURL(require.resolve('tsx')).href;
  } catch {
    return undefined;
  }
}

const loader = existsSync(source) ? tsxLoader() : undefined;
if (loader) {
  const { spawnSync } = require('node:child_process');
  const result = spawnSync(process.execPath, ['--import', loader, source, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.error) throw result.error;
  process.exitCode = result.status ?? 2;
} else if (existsSync(built)) {
  require(built).main();
} else {
  process.stderr.write('plumbline: dist/cli.js is not built and tsx is not installed; run "npm ci" or "npm run build".\n');
  process.exit(2);
}
