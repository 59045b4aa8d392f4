#!/usr/bin/env node
// Prints how many findings each rule code reports in each checkout named on the
// command line, so precision work can be repeated on any set of real repositories:
//   npm run corpus -- ../some-checkout ../another [--json]
// Each checkout is checked as its own workspace with the current sources.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliSource = join(repository, 'server', 'src', 'cli', 'main.ts');

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const checkouts = args.filter((arg) => !arg.startsWith('--')).map((arg) => resolve(arg));
if (checkouts.length === 0) {
  console.error('Usage: npm run corpus -- <checkout> [<checkout>...] [--json]');
  process.exit(2);
}

/** Runs `plumbline check --format json` on one checkout and counts its findings by code. */
function countFindings(checkout) {
  if (!existsSync(checkout)) throw new Error(`no such directory: ${checkout}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', cliSource, 'check', checkout, '--format', 'json'], {
    cwd: repository,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`plumbline check ${checkout} exited ${run.status}:\n${run.stderr}`);
  }
  const report = JSON.parse(run.stdout);
  const counts = {};
  for (const diagnostic of report.diagnostics) counts[diagnostic.code] = (counts[diagnostic.code] ?? 0) + 1;
  return { files: report.summary.files, total: report.diagnostics.length, counts };
}

const results = checkouts.map((checkout) => ({ name: basename(checkout), ...countFindings(checkout) }));

if (asJson) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const codes = [...new Set(results.flatMap((result) => Object.keys(result.counts)))].sort();
  const header = ['code', ...results.map((result) => result.name)];
  const rows = codes.map((code) => [code, ...results.map((result) => String(result.counts[code] ?? 0))]);
  rows.push(['total', ...results.map((result) => String(result.total))]);
  rows.push(['files', ...results.map((result) => String(result.files))]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
