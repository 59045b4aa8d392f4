import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateMixedSet } from '../generators/mixed';
import { replicate, SeededRandom, writeTree } from '../lib/inputs';
import { buildPackage } from '../lib/package';
import { formatMs, formatSpeedRatio, type Row, type SuiteReport } from '../lib/report';
import { alternate, median } from '../lib/stats';
import type { BenchSuite, SuiteContext } from '../lib/suite';
import { copyStdlib, GNU_TIME, lastLine, pydocstyleCommand, PYDOCSTYLE_SELECT, runPydocstyle, stdlibDirectory } from './python';

const MIN_SPEEDUP_WITH_TWO_JOBS = 1.6;
const MAX_RATIO_TO_RUFF = 1.0;
const MIN_SPEEDUP_OVER_PYDOCSTYLE = 4;
const PEAK_RSS_TARGET_MB = 300;
const MIXED_COPIES = 16;
const RUFF_RUNNER = path.join(__dirname, '..', 'peers', 'ruff-wasm.cjs');

/** One whole process as GNU time saw it. */
interface ProcessRun {
  ms: number;
  cpuMs: number;
  rssMb: number;
}

/** Runs `node args…` in `cwd` under GNU time: wall, user + system CPU and peak RSS (of the process and its threads). */
function timedNode(context: SuiteContext, args: readonly string[], cwd: string): ProcessRun {
  const measured = path.join(context.workDir, 'jobs-time.txt');
  const start = process.hrtime.bigint();
  const result = spawnSync(GNU_TIME, ['-f', '%U %S %M', '-o', measured, process.execPath, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited with ${result.status ?? result.signal}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  }
  const [user, system, rssKb] = lastLine(measured).split(' ').map(Number);
  return { ms, cpuMs: (user! + system!) * 1000, rssMb: rssKb! / 1024 };
}

const medianOf = (runs: readonly ProcessRun[], measure: keyof ProcessRun) => median(runs.map((run) => run[measure]));
const describeRuns = (runs: readonly ProcessRun[]) =>
  `${formatMs(medianOf(runs, 'ms'))} wall, ${formatMs(medianOf(runs, 'cpuMs'))} CPU, ${Math.max(...runs.map((run) => run.rssMb)).toFixed(0)} MB peak RSS`;

/** Runs `node args…` once in each of `cwds`, all at the same time; the wall time until the last one ends. */
async function concurrentNodes(args: readonly string[], cwds: readonly string[]): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    cwds.map(
      (cwd) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, args, { cwd, stdio: 'ignore' });
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`node ${args.join(' ')} in ${cwd} exited with ${code}`))));
        }),
    ),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * What two cores allow on this workload: the workspace's two halves as two
 * workspaces, each checked by its own `--jobs 1` process, both at once. No
 * thread shares or hands over anything, yet `--jobs 1` alone already keeps
 * part of the second core busy (V8 marks, scavenges and compiles on helper
 * threads), so this is the ceiling a two-thread run can approach.
 */
async function twoProcessCeiling(context: SuiteContext, cli: string, halves: ReadonlyArray<Record<string, string>>, rounds: number): Promise<number> {
  const roots = halves.map((files, i) => {
    const root = path.join(context.workDir, `jobs-mixed-half-${i + 1}`);
    writeTree(root, files);
    return root;
  });
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) times.push(await concurrentNodes([cli, 'check', '--format', 'json', '--jobs', '1', '--no-cache'], roots));
  return median(times);
}

/**
 * (a) The mixed workspace, 16 copies: `--jobs 2` against `--jobs 1`, cold
 * processes. Cold means `--no-cache` too: the result cache (on by default)
 * would serve every round after the first.
 */
async function scalingRows(context: SuiteContext, cli: string, report: SuiteReport): Promise<void> {
  const copies = context.scale === 'smoke' ? 2 : MIXED_COPIES;
  // The seed and layout of the lsp suite's workspace, so the CLI and server rows read the same files.
  const mixedSet = generateMixedSet(new SeededRandom(5600), context.repoRoot, context.scale === 'smoke' ? 2 : undefined);
  // A root marker: without it the root would be this checkout, whose .gitignore hides bench/.generated.
  const marker = { '.plumbline.yaml': '# Benchmark workspace: copies of the mixed set\nrules: {}\n' };
  const files: Record<string, string> = { ...replicate(mixedSet, copies), ...marker };
  const root = path.join(context.workDir, 'jobs-mixed');
  writeTree(root, files);
  const count = Object.keys(files).length;
  context.log(`jobs: ${count}-file mixed workspace with --jobs 1 and --jobs 2`);
  const rounds = context.scale === 'smoke' ? 1 : 2;
  const runs = await alternate(rounds, {
    first: () => timedNode(context, [cli, 'check', '--format', 'json', '--jobs', '2', '--no-cache'], root),
    second: () => timedNode(context, [cli, 'check', '--format', 'json', '--jobs', '1', '--no-cache'], root),
  });
  const two = medianOf(runs.first, 'ms');
  const one = medianOf(runs.second, 'ms');
  report.rows.push({
    measure: `${count.toLocaleString('en-US')}-file mixed workspace (${copies} × the mixed set), CLI cold, --jobs 2`,
    median: two,
    cpu: medianOf(runs.first, 'cpuMs'),
    peer: `--jobs 1 ${formatMs(one)}`,
    ratio: formatSpeedRatio(two, one),
    target: `≥ ${MIN_SPEEDUP_WITH_TWO_JOBS}× faster with 2 jobs than with 1`,
    pass: one / two >= MIN_SPEEDUP_WITH_TWO_JOBS,
  });
  const half = { ...replicate(mixedSet, copies / 2), ...marker };
  const ceiling = await twoProcessCeiling(context, cli, [half, half], rounds);
  report.rows.push({
    measure: `same work as two workspaces of ${copies / 2} copies, one --jobs 1 process each, both at once (the most 2 cores give)`,
    median: ceiling,
    peer: `--jobs 1 ${formatMs(one)}`,
    ratio: formatSpeedRatio(ceiling, one),
    target: `reference for the row above (--jobs 2 reaches ${(((one / two - 1) / (one / ceiling - 1)) * 100).toFixed(0)}% of its gain)`,
  });
  report.notes.push(
    `Mixed workspace (bench/generators/mixed.ts: examples/demo-platform and 38 generated components with Dockerfiles, Compose files, Python, requirements, CHANGELOGs and scripts), \`node dist/cli.js check --format json\`, ${rounds} alternating round(s): --jobs 2 ${describeRuns(runs.first)}; --jobs 1 ${describeRuns(runs.second)}. The reference row runs the same CLI with --jobs 1 on two copies of half the workspace at once (${rounds} round(s), median wall time of the later one to finish).`,
  );
}

/** (b) and (c): the stdlib with default jobs against Ruff's wasm build and pydocstyle, and the CLI's peak RSS there. */
async function stdlibRows(context: SuiteContext, cli: string, report: SuiteReport): Promise<void> {
  const ruffMeasure = 'full Python stdlib, cold, CLI with default jobs vs Ruff-wasm';
  const pydocstyleMeasure = 'full Python stdlib, cold, CLI with default jobs vs pydocstyle';
  const rssMeasure = 'CLI peak RSS over the stdlib (default jobs)';
  const targets = {
    ruff: `ratio ≤ ${MAX_RATIO_TO_RUFF.toFixed(1)} against Ruff-wasm`,
    pydocstyle: `≥ ${MIN_SPEEDUP_OVER_PYDOCSTYLE}× faster than pydocstyle`,
    rss: `≤ ${PEAK_RSS_TARGET_MB} MB`,
  };
  const stdlib = stdlibDirectory();
  if (!stdlib) {
    const skipped = 'python3 is not installed, so there is no standard library to read';
    report.rows.push(
      { measure: ruffMeasure, target: targets.ruff, skipped },
      { measure: pydocstyleMeasure, target: targets.pydocstyle, skipped },
      { measure: rssMeasure, target: targets.rss, skipped },
    );
    return;
  }
  const { root } = copyStdlib(context, stdlib);
  const pythonFiles = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((relative) => relative.endsWith('.py'))
    .sort();
  const list = path.join(context.workDir, 'jobs-stdlib-files.txt');
  fs.writeFileSync(list, `${pythonFiles.join('\n')}\n`);
  context.log(`jobs: the CLI (default jobs) and Ruff-wasm over ${pythonFiles.length} stdlib files`);
  const rounds = context.scale === 'smoke' ? 1 : 3;
  const runs = await alternate(rounds, {
    first: () => timedNode(context, [cli, 'check', '.', '--format', 'json', '--no-cache'], root),
    second: () => timedNode(context, [RUFF_RUNNER, list], root),
  });
  const ours = medianOf(runs.first, 'ms');
  const ruff = medianOf(runs.second, 'ms');
  const oursCpu = medianOf(runs.first, 'cpuMs');
  report.rows.push({
    measure: `${ruffMeasure} (${pythonFiles.length} files)`,
    median: ours,
    cpu: oursCpu,
    peer: `Ruff-wasm ${formatMs(ruff)}`,
    ratio: `${(ours / ruff).toFixed(2)} (CPU: ${(oursCpu / medianOf(runs.second, 'cpuMs')).toFixed(2)})`,
    target: targets.ruff,
    pass: ours / ruff <= MAX_RATIO_TO_RUFF,
  });
  const pydocstyleRow: Row = { measure: pydocstyleMeasure, median: ours, cpu: oursCpu, target: targets.pydocstyle };
  report.rows.push(pydocstyleRow);
  if (pydocstyleCommand()) {
    context.log(`jobs: pydocstyle over the same ${pythonFiles.length} files`);
    const peer = await runPydocstyle(root, pythonFiles, path.join(context.workDir, 'jobs-pydocstyle-cpu.txt'));
    pydocstyleRow.peer = `pydocstyle ${formatMs(peer.ms)}`;
    pydocstyleRow.ratio = formatSpeedRatio(ours, peer.ms) + (peer.cpuMs ? ` (CPU: ${formatSpeedRatio(oursCpu, peer.cpuMs)})` : '');
    pydocstyleRow.pass = peer.ms / ours >= MIN_SPEEDUP_OVER_PYDOCSTYLE;
    report.notes.push(
      `pydocstyle (Debian) ${PYDOCSTYLE_SELECT}, one process over the same files: ${formatMs(peer.ms)} wall${peer.cpuMs ? `, ${formatMs(peer.cpuMs)} CPU` : ''}.`,
    );
  } else {
    pydocstyleRow.skipped = 'pydocstyle is not installed (apt-get install pydocstyle)';
  }
  const peakMb = Math.max(...runs.first.map((run) => run.rssMb));
  report.rows.push({ measure: rssMeasure, throughput: `${peakMb.toFixed(0)} MB max RSS`, target: targets.rss, pass: peakMb <= PEAK_RSS_TARGET_MB });
  report.notes.push(
    `Stdlib: \`node dist/cli.js check . --format json\` (all rules, default jobs: every core) ${describeRuns(runs.first)}; Ruff-wasm (bench/peers/ruff-wasm.cjs: one Node process, @astral-sh/ruff-wasm-nodejs, D100–D107 T201 E722, same files) ${describeRuns(runs.second)}; ${rounds} alternating round(s), medians; peak RSS by GNU time over the process and its threads, the largest of the rounds.`,
  );
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const report: SuiteReport = {
    suite: 'jobs',
    title: 'the CLI on worker threads: scaling, the stdlib against Ruff-wasm and pydocstyle, peak memory',
    rows: [],
    notes: [],
  };
  if (!fs.existsSync(GNU_TIME)) return { ...report, skipped: `${GNU_TIME} is not installed (apt-get install time)` };
  const { bundle } = buildPackage(context, 'jobs-package');
  await scalingRows(context, bundle, report);
  await stdlibRows(context, bundle, report);
  report.notes.push(
    'Whole processes of a private build (scripts/build.mjs: dist/cli.js with dist/lintWorker.js beside it), started directly (no V8 code cache). On a shared machine wall time inflates with the load; compare the CPU figures too.',
  );
  return report;
}

export const jobsSuite: BenchSuite = { name: 'jobs', title: 'Parallel CLI', run };
