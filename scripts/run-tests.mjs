#!/usr/bin/env node
// Runs the TypeScript test files of the named suites with Node's test runner.
// Node 20 expands no globs in `--test`, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const suites = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));
const roots = (suites.length ? suites : ['unit', 'lsp', 'cli']).map((suite) => join('test', suite));

function collect(directory) {
  let found = [];
  if (!existsSync(directory)) return found;
  for (const name of readdirSync(directory)) {
    const full = join(directory, name);
    if (statSync(full).isDirectory()) found = found.concat(collect(full));
    else if (name.endsWith('.test.ts')) found.push(relative(process.cwd(), full));
  }
  return found;
}

const files = roots.flatMap(collect).sort();
if (files.length === 0) {
  console.error(`No test files under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...passThrough, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
