#!/usr/bin/env node
'use strict';
// Ruff's wasm build as a whole process, for the bench's side-by-side rows:
// reads every file named in the list file (one path a line, relative to the
// cwd), checks it with the rules Plumbline's PL3xx pack covers and prints
// how many files and problems it saw. Usage: node ruff-wasm.cjs <list-file>
const fs = require('node:fs');
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const SELECT = ['D100', 'D101', 'D102', 'D103', 'D104', 'D105', 'D106', 'D107', 'T201', 'E722'];
const workspace = new Workspace({ lint: { select: SELECT } }, PositionEncoding.Utf16);
const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let problems = 0;
for (const file of files) problems += workspace.check(fs.readFileSync(file, 'utf8')).length;
process.stdout.write(`${files.length} files, ${problems} problems\n`);
