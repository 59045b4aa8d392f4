import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parser as lezerPython } from '@lezer/python';
import { walkFiles } from '../../server/src/engine/fileSystem';
import { SourceDocument } from '../../server/src/engine/sourceDocument';
import { Workspace } from '../../server/src/engine/workspace';
import { builtinRules } from '../../server/src/rules';
import { generatePythonModule } from '../generators/python';
import { measureEditLatency, serverCpuRow, type EditScript, type ScriptedEdit } from '../lib/editLatency';
import { bundleServer } from '../lib/serverProcess';
import { codesOf, missingRulesReason, rulesWithCodePrefix } from '../lib/engine';
import { byteLength, SeededRandom, writeTree } from '../lib/inputs';
import { formatMs, formatSpeedRatio, type Row, type SuiteReport } from '../lib/report';
import { median, percentile, sum, timed, timedAsync, type Timing } from '../lib/stats';
import type { BenchSuite, SuiteContext } from '../lib/suite';

const PYDOCSTYLE_SPEEDUP = 20;
/** Issue #13: a keystroke in a 3,000-line module costs the server this much CPU. */
const KEYSTROKE_SERVER_CPU = { medianMs: 4, p95Ms: 10 };
const LSP_MODULE_LINES = 3000;
/**
 * Edits made before measuring: a fresh server process spends its first few
 * dozen keystrokes compiling its hot code (4–24 ms of CPU each, then about
 * 2 ms), and an editor's server has been running for longer than that.
 */
const KEYSTROKE_WARMUP_EDITS = 60;
export const PYDOCSTYLE_SELECT = '--select=D100,D101,D102,D103,D104,D105,D106,D107';
export const GNU_TIME = '/usr/bin/time';
/** In smoke runs, two small modules stand in for the standard library. */
const SMOKE_MODULES = ['bisect.py', 'keyword.py'];
const PARSE_WARMUP_FILES = 3;

export function stdlibDirectory(): string | undefined {
  const found = spawnSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
  const directory = found.status === 0 ? found.stdout.trim() : '';
  return directory && fs.existsSync(directory) ? directory : undefined;
}

/**
 * Copies the standard library's `.py` files (not site-packages) into a
 * workspace of its own with a `.plumbline.yaml`, so the engine, pydocstyle
 * and the CLI all see the same files under a clean root.
 */
export function copyStdlib(context: SuiteContext, stdlib: string): { root: string; removed: string[] } {
  const root = path.join(context.workDir, 'python-stdlib');
  const files: Record<string, string> = { '.plumbline.yaml': '# Benchmark workspace: a copy of the Python standard library\nrules: {}\n' };
  const skipSitePackages = (relative: string) => relative === 'site-packages' || relative.startsWith('site-packages/');
  const wanted = context.scale === 'smoke' ? SMOKE_MODULES.filter((name) => fs.existsSync(path.join(stdlib, name))) : undefined;
  for (const relative of wanted ?? walkFiles(stdlib, skipSitePackages)) {
    if (relative.endsWith('.py')) files[relative] = fs.readFileSync(path.join(stdlib, relative), 'latin1');
  }
  fs.rmSync(root, { recursive: true, force: true });
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // latin1 round-trips the original bytes, so odd encodings in the tests stay as they are.
    fs.writeFileSync(target, content, relative === '.plumbline.yaml' ? 'utf8' : 'latin1');
  }
  const undecodable = undecodableFiles(
    root,
    Object.keys(files).filter((relative) => relative.endsWith('.py')),
  );
  for (const relative of undecodable) fs.rmSync(path.join(root, relative));
  return { root, removed: undecodable };
}

/**
 * Files Python itself cannot decode (a bogus coding cookie such as
 * `uft-8`): one of them aborts pydocstyle's whole run before it prints
 * anything, so they are left out on every side.
 */
function undecodableFiles(root: string, relativePaths: readonly string[]): string[] {
  const script =
    'import sys, tokenize\nfor name in sys.stdin.read().splitlines():\n    try:\n        tokenize.open(name).read()\n    except Exception:\n        print(name)\n';
  const found = spawnSync('python3', ['-c', script], { cwd: root, input: relativePaths.join('\n'), encoding: 'utf8' });
  return found.status === 0 ? found.stdout.split('\n').filter(Boolean) : [];
}

interface EngineThroughput {
  files: string[];
  bytes: number;
  totalMs: number;
  perFile: number[];
  perFileCpu: number[];
}

function lintAll(root: string, rules: ReturnType<typeof rulesWithCodePrefix>): EngineThroughput {
  const workspace = new Workspace({ root, registry: builtinRules, rules });
  workspace.index.scan();
  const warmup = generatePythonModule(new SeededRandom(7), 2000);
  for (let i = 0; i < 3; i++) workspace.lint(new SourceDocument(path.join(root, `warmup_${i}.py`), warmup));
  const outcome: EngineThroughput = { files: [], bytes: 0, totalMs: 0, perFile: [], perFileCpu: [] };
  for (const file of workspace.index.filesOfKind('python')) {
    const timing = timed(() => {
      const document = workspace.index.document(file.path);
      if (document) workspace.lint(document);
      return document;
    });
    if (!timing.result) continue;
    outcome.files.push(file.relativePath);
    outcome.bytes += byteLength(timing.result.text);
    outcome.perFile.push(timing.ms);
    outcome.perFileCpu.push(timing.cpuMs);
  }
  outcome.totalMs = sum(outcome.perFile);
  return outcome;
}

export function pydocstyleCommand(): string | undefined {
  if (spawnSync('pydocstyle', ['--version']).status === 0) return 'pydocstyle';
  return undefined;
}

export interface PydocstyleRun {
  ms: number;
  cpuMs?: number;
  problems: number;
}

/** Runs pydocstyle once over all files: its wall time, CPU time (when GNU time is there) and the problems it printed. */
export async function runPydocstyle(root: string, files: readonly string[], cpuFile: string): Promise<PydocstyleRun> {
  const command = ['pydocstyle', PYDOCSTYLE_SELECT, ...files];
  const withTime = fs.existsSync(GNU_TIME);
  const { ms, result } = await timedAsync(
    () =>
      new Promise<number>((resolve, reject) => {
        const child = withTime
          ? spawn(GNU_TIME, ['-f', '%U %S', '-o', cpuFile, ...command], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
          : spawn(command[0]!, command.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
        let problems = 0;
        let partial = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          const lines = (partial + chunk).split('\n');
          partial = lines.pop()!;
          problems += lines.filter((line) => /^\s+D1\d\d:/.test(line)).length;
        });
        child.on('error', reject);
        child.on('close', () => resolve(problems));
      }),
  );
  const cpuSeconds = withTime ? lastLine(cpuFile).split(' ').map(Number) : [];
  return { ms, cpuMs: cpuSeconds.length === 2 ? (cpuSeconds[0]! + cpuSeconds[1]!) * 1000 : undefined, problems: result };
}

export function lastLine(filePath: string): string {
  return fs.readFileSync(filePath, 'utf8').trim().split('\n').pop() ?? '';
}

function throughputText(megabytes: number, ms: number, cpuMs: number): string {
  return `${(megabytes / (ms / 1000)).toFixed(2)} MB/s (CPU: ${(megabytes / (cpuMs / 1000)).toFixed(2)})`;
}

/** Fills in a row's comparison with pydocstyle's totals, given this side's total wall and CPU time. */
function compareRow(row: Row, ms: number, cpuMs: number, peer: PydocstyleRun): void {
  row.peer = `pydocstyle ${formatMs(peer.ms)} total`;
  row.ratio = formatSpeedRatio(ms, peer.ms) + (peer.cpuMs ? ` (CPU: ${formatSpeedRatio(cpuMs, peer.cpuMs)})` : '');
}

/** Lints the stdlib copy and runs pydocstyle on the same files; returns that file list and pydocstyle's run when there was one. */
async function compareWithPydocstyle(
  context: SuiteContext,
  root: string,
  rules: ReturnType<typeof rulesWithCodePrefix>,
  report: SuiteReport,
): Promise<{ files: string[]; peer?: PydocstyleRun }> {
  context.log('python: linting the standard library with all PL3xx rules');
  const ours = lintAll(root, rules);
  const megabytes = ours.bytes / 1e6;
  const row: Row = {
    measure: `all PL3xx over the stdlib (${ours.files.length} files, ${megabytes.toFixed(megabytes < 1 ? 2 : 1)} MB)`,
    median: median(ours.perFile),
    p95: percentile(ours.perFile, 0.95),
    cpu: median(ours.perFileCpu),
    throughput: throughputText(megabytes, ours.totalMs, sum(ours.perFileCpu)),
    // Issue #13 replaced the 20× target of this one-thread row by the jobs suite's (≥ 4× cold, every core) and the cache suite's (≥ 20× warm).
    target: 'informational (see the jobs and cache rows)',
  };
  report.rows.push(row);
  report.notes.push(
    `Rules ${codesOf(rules)}; Plumbline in-process (Workspace.lint, reading each file), total ${formatMs(ours.totalMs)} wall, ${formatMs(sum(ours.perFileCpu))} CPU; median and p95 are per file.`,
  );

  let command = pydocstyleCommand();
  if (!command && context.scale === 'full') {
    context.log('python: installing pydocstyle with apt-get');
    spawnSync('apt-get', ['install', '-y', 'pydocstyle'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    command = pydocstyleCommand();
  }
  if (!command) {
    row.skipped = 'pydocstyle is not installed and apt-get could not install it';
    return { files: ours.files };
  }
  context.log(`python: pydocstyle on the same ${ours.files.length} files`);
  const peer = await runPydocstyle(root, ours.files, path.join(context.workDir, 'pydocstyle-cpu.txt'));
  compareRow(row, ours.totalMs, sum(ours.perFileCpu), peer);
  const cpu = peer.cpuMs ? `, ${formatMs(peer.cpuMs)} CPU` : '';
  report.notes.push(
    `pydocstyle (Debian) ${PYDOCSTYLE_SELECT}, one process over the same file list: ${formatMs(peer.ms)} wall${cpu} including interpreter start-up, ${peer.problems} problems; the ratio compares totals.`,
  );
  return { files: ours.files, peer };
}

/** One untimed warm-up over the largest texts, then one timed pass over all of them. */
function timeParses(texts: readonly string[], parse: (text: string) => void): Timing<void> {
  const largest = [...texts].sort((a, b) => b.length - a.length).slice(0, PARSE_WARMUP_FILES);
  for (const text of largest) parse(text);
  return timed(() => {
    for (const text of texts) parse(text);
  });
}

/** tree-sitter-python's WASM build through web-tree-sitter, loaded here so that a failure to load only skips its row. */
async function timeTreeSitterParses(context: SuiteContext, texts: readonly string[]): Promise<Timing<void>> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const wasm = createRequire(path.join(context.repoRoot, 'package.json')).resolve('tree-sitter-python/tree-sitter-python.wasm');
  const parser = new Parser();
  try {
    parser.setLanguage(await Language.load(wasm));
    // A tree lives in WASM memory until deleted; keeping them would grow that memory with every file.
    return timeParses(texts, (text) => parser.parse(text)?.delete());
  } finally {
    parser.delete();
  }
}

/**
 * How long the parsers alone take on the files just linted: the best ratio
 * to pydocstyle that any rule implementation on top of each could reach.
 */
async function measureParseOnly(
  context: SuiteContext,
  root: string,
  files: readonly string[],
  peer: PydocstyleRun | undefined,
  report: SuiteReport,
): Promise<void> {
  context.log(`python: parsing the same ${files.length} files with each parser alone`);
  // Read up front, as UTF-8 like the engine, so that reading is left out of the timing.
  const texts = files.map((relative) => fs.readFileSync(path.join(root, relative), 'utf8'));
  const megabytes = sum(texts.map(byteLength)) / 1e6;
  const parsers = [
    { name: '@lezer/python', time: async () => timeParses(texts, (text) => void lezerPython.parse(text)) },
    { name: 'tree-sitter-python WASM via web-tree-sitter', time: () => timeTreeSitterParses(context, texts) },
  ];
  const measured: Array<{ name: string; timing: Timing<void> }> = [];
  for (const { name, time } of parsers) {
    // Informational: the ratio this parser caps, not a target of its own.
    const row: Row = { measure: `parse only, ${name} (no rules)`, target: `ceiling of the ${PYDOCSTYLE_SPEEDUP}× row` };
    report.rows.push(row);
    try {
      const timing = await time();
      row.throughput = throughputText(megabytes, timing.ms, timing.cpuMs);
      if (peer) compareRow(row, timing.ms, timing.cpuMs, peer);
      measured.push({ name, timing });
    } catch (error) {
      // The first line only: a module-not-found message goes on with its require stack.
      row.skipped = `${name} failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
    }
  }
  if (measured.length) report.notes.push(parseOnlyNote(measured, peer));
}

function parseOnlyNote(measured: ReadonlyArray<{ name: string; timing: Timing<void> }>, peer: PydocstyleRun | undefined): string {
  const times = measured.map(({ name, timing }) => `${name} ${formatMs(timing.ms)} wall, ${formatMs(timing.cpuMs)} CPU`).join('; ');
  const method = `Parse only (texts read beforehand, an untimed warm-up, then one timed pass over every file): ${times}.`;
  if (!peer) return method;
  const budget = peer.ms / PYDOCSTYLE_SPEEDUP;
  const over = measured.filter(({ timing }) => timing.ms > budget).map(({ name }) => name);
  const verdict = over.length
    ? `${over.join(' and ')} ${over.length > 1 ? 'each take' : 'takes'} longer than that to parse alone, so no rule implementation on ${over.length > 1 ? 'either' : 'it'} can reach the target`
    : 'each parser takes less than that to parse alone, leaving the rest to the rules';
  return `${method} ${PYDOCSTYLE_SPEEDUP}× faster than pydocstyle leaves ${formatMs(budget)} (its ${formatMs(peer.ms)} wall / ${PYDOCSTYLE_SPEEDUP}) for parsing and rules together; ${verdict}.`;
}

/** The first line at or after `from` (wrapping round to the top) whose text passes `test`; undefined when none does. */
function lineFrom(document: SourceDocument, from: number, test: (text: string) => boolean): number | undefined {
  for (let i = 0; i < document.lineCount; i++) {
    const line = (from + i) % document.lineCount;
    if (test(document.lineText(line))) return line;
  }
  return undefined;
}

/** Where a step's edit happens: a different line of the module each time. */
function somewhereIn(document: SourceDocument, step: number): number {
  return 10 + ((step * 37) % Math.max(1, document.lineCount - 20));
}

const at = (line: number, character: number) => ({ line, character });

/** A character typed into the module docstring: the edit a step falls back to when its own has no place. */
const TYPE_IN_DOCSTRING: ScriptedEdit = { range: { start: at(0, 3), end: at(0, 3) }, text: 'x' };

/** The function a step adds, and the edit that takes back the one added before, if any. */
function addedFunction(step: number): string {
  return `def added_${step}(value):\n    return value\n\n\n`;
}
function removeAddedFunction(document: SourceDocument): ScriptedEdit | undefined {
  const added = lineFrom(document, 0, (text) => text.startsWith('def added_'));
  return added === undefined ? undefined : { range: { start: at(added, 0), end: at(added + 4, 0) }, text: '' };
}

/**
 * Edits in a big module, as a developer makes them: type in the module
 * docstring, add a function between two top-level definitions and remove
 * it, retype a return annotation (`-> int` to `-> str`, or back).
 */
const moduleEdits: EditScript = (step, document) => {
  switch (step % 4) {
    case 0:
      return TYPE_IN_DOCSTRING;
    case 1: {
      const definition = lineFrom(document, somewhereIn(document, step), (text) => /^(def |class |@)/.test(text)) ?? 0;
      return { range: { start: at(definition, 0), end: at(definition, 0) }, text: addedFunction(step) };
    }
    case 2:
      return removeAddedFunction(document) ?? TYPE_IN_DOCSTRING;
    default: {
      const signature = lineFrom(document, somewhereIn(document, step), (text) => /\) -> (int|str):$/.test(text));
      if (signature === undefined) return TYPE_IN_DOCSTRING;
      const text = document.lineText(signature);
      const type = text.endsWith('int:') ? 'int' : 'str';
      const column = text.length - type.length - 1;
      return { range: { start: at(signature, column), end: at(signature, column + type.length) }, text: type === 'int' ? 'str' : 'int' };
    }
  }
};

/**
 * An edit that breaks the module and its undo: a function typed at column 0
 * inside another function's body, which Python rejects (the lines after it
 * are indented with no block to hold them), then taken out again.
 */
const breakingEdits: EditScript = (step, document) => {
  if (step % 2 === 1) return removeAddedFunction(document) ?? TYPE_IN_DOCSTRING;
  const inBody = lineFrom(document, somewhereIn(document, step), (text) => /^ {4}\S/.test(text) && !text.trimStart().startsWith('"""')) ?? 0;
  return { range: { start: at(inBody, 0), end: at(inBody, 0) }, text: addedFunction(step) };
};

async function measureLspLatency(context: SuiteContext, report: SuiteReport): Promise<void> {
  const smoke = context.scale === 'smoke';
  const lines = smoke ? 60 : LSP_MODULE_LINES;
  const root = path.join(context.workDir, 'python-lsp');
  const text = generatePythonModule(new SeededRandom(303), lines);
  const [modulePath] = writeTree(root, {
    'services/billing/src/billing/ledger.py': text,
    'services/billing/src/billing/__init__.py': '"""Billing service."""\n',
    'services/billing/pyproject.toml': '[project]\nname = "billing"\nversion = "0.1.0"\n',
  });
  context.log(`python: edit-to-diagnostics latency on a ${lines}-line module (server in a process of its own)`);
  const serverBundle = await bundleServer(context.repoRoot, context.workDir);
  const measure = (script: EditScript) =>
    measureEditLatency({
      serverBundle,
      rootDir: root,
      filePath: modulePath!,
      languageId: 'python',
      text,
      script,
      warmupEdits: smoke ? 1 : KEYSTROKE_WARMUP_EDITS,
      measuredEdits: smoke ? 2 : 100,
    });
  const latency = await measure(moduleEdits);
  report.rows.push(serverCpuRow(`keystroke → diagnostics, ${lines}-line module`, latency, KEYSTROKE_SERVER_CPU));
  const breaking = await measure(breakingEdits);
  report.rows.push({
    ...serverCpuRow(`edit that breaks the indentation, and its undo, ${lines}-line module`, breaking, KEYSTROKE_SERVER_CPU),
    target: 'informational: every finding below the edit changes',
    pass: undefined,
  });
  const warmup = latency.warmupServerCpuSamples;
  const warmupText = warmup
    ? ` The ${warmup.length} warm-up keystrokes before them, from the server's start, cost a median ${formatMs(median(warmup))} (p95 ${formatMs(percentile(warmup, 0.95))}) of server CPU while V8 compiled the hot code.`
    : '';
  report.notes.push(
    `Language server: the server bundle runs as a process of its own over stdio (pull diagnostics, with the previous result id as VS Code's client sends it); CPU per edit is the sum of its threads' /proc schedstat times from one edit's diagnostics to the next's. The keystroke edits type in the module docstring, add a function between two top-level definitions and remove it, and retype a return annotation; the last version of the ${lines}-line module had ${latency.finalDiagnostics} diagnostics.${warmupText} The breaking edits type a function at column 0 inside another function's body, which Python rejects, then take it out: Plumbline stays silent from that line to the end, so every finding there goes and comes back.`,
  );
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const report: SuiteReport = { suite: 'python', title: 'PL3xx on the standard library vs pydocstyle', rows: [], notes: [] };
  const rules = rulesWithCodePrefix('PL3');
  const missing = missingRulesReason(rules, 'Python', 'python');
  if (missing) return { ...report, skipped: missing };
  const stdlib = stdlibDirectory();
  if (stdlib) {
    const { root, removed } = copyStdlib(context, stdlib);
    const left = removed.length ? `; left out, as Python cannot decode them: ${removed.join(', ')}` : '';
    report.notes.push(`Standard library: ${stdlib} (site-packages excluded), copied under ${path.relative(context.repoRoot, root) || root}${left}.`);
    const { files, peer } = await compareWithPydocstyle(context, root, rules, report);
    await measureParseOnly(context, root, files, peer, report);
  } else {
    report.rows.push({
      measure: 'all PL3xx over the stdlib',
      target: `≥ ${PYDOCSTYLE_SPEEDUP}× faster than pydocstyle`,
      skipped: 'python3 is not installed, so there is no standard library to read',
    });
  }
  await measureLspLatency(context, report);
  return report;
}

export const pythonSuite: BenchSuite = { name: 'python', title: 'Python rules', run };
