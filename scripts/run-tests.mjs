#!/usr/bin/env node
// Runs the TypeScript test files of the named suites with Node's test runner.
//
//   node scripts/run-tests.mjs [suite...] [--rule PL301|docker/non-root-user] [--isolated] [node flags]
//
// All files run in one Node process: starting tsx and importing the engine once per
// file cost ~1 s of CPU each, four fifths of the whole run. `--isolated` runs each
// file in its own process instead (Node's `--test`), to tell whether a failure comes
// from another file's leftovers. `--rule` runs only the tests whose name (or an
// enclosing suite's) carries that rule's code or name.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const RULE_PAGES = join('docs', 'rules');

function parseArguments(argv) {
  const suites = [];
  const nodeFlags = [];
  let rule;
  let isolated = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--rule') rule = argv[++i];
    else if (argument.startsWith('--rule=')) rule = argument.slice('--rule='.length);
    else if (argument === '--isolated') isolated = true;
    else if (argument.startsWith('-')) nodeFlags.push(argument);
    else suites.push(argument);
  }
  return { suites, nodeFlags, rule, isolated };
}

/** The rule's code and name, from the generated rule pages (`# PL101 docker/non-root-user`). */
function ruleNamed(codeOrName) {
  const wanted = codeOrName.toLowerCase();
  for (const page of readdirSync(RULE_PAGES)) {
    const [code, name] = readFileSync(join(RULE_PAGES, page), 'utf8').slice(2, 200).split('\n', 1)[0].split(' ');
    if (code.toLowerCase() === wanted || name === wanted) return { code, name };
  }
  console.error(`No rule ${codeOrName}: give a code (PL301) or a name (python/missing-docstring) from ${RULE_PAGES}/.`);
  process.exit(2);
}

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

const { suites, nodeFlags, rule, isolated } = parseArguments(process.argv.slice(2));
const defaultSuites = rule ? ['unit'] : ['unit', 'lsp', 'cli'];
const roots = (suites.length ? suites : defaultSuites).map((suite) => join('test', suite));
const files = roots.flatMap(collect).sort();
if (files.length === 0) {
  console.error(`No test files under ${roots.join(', ')}`);
  process.exit(1);
}
if (rule) {
  const { code, name } = ruleNamed(rule);
  nodeFlags.push(`--test-name-pattern=\\b(${code}|${name.replace('/', '\\/')})\\b`);
}
const command = isolated
  ? ['--import', 'tsx', '--test', ...nodeFlags, ...files]
  : ['--import', 'tsx', ...nodeFlags, join('scripts', 'test-entry.mjs'), ...files];
const result = spawnSync(process.execPath, command, { stdio: 'inherit' });
process.exit(result.status ?? 1);
