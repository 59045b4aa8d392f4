#!/usr/bin/env node
'use strict';
// Runs the bundled CLI, in a checkout as in an installed package: starting
// the TypeScript sources through a loader cost about a second per run. In a
// checkout, `npm run build` refreshes the bundle and `npm run cli` runs the
// sources instead.
const { existsSync } = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'dist', 'cli.js');
if (existsSync(built)) {
  require(built).main();
} else {
  process.stderr.write('plumbline: dist/cli.js is not built; run "npm run build" (or "npm run cli" to run the sources).\n');
  process.exit(2);
}
