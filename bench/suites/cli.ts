import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatMs, formatSpeedRatio, type Row, type SuiteReport } from '../lib/report';
import { median, percentile } from '../lib/stats';
import { buildPackage } from '../lib/package';
import type { BenchSuite, SuiteContext } from '../lib/suite';

/** `bin/plumbline.js` may cost at most this much more than starting the bundle directly. */
const MAX_BIN_OVERHEAD = 1.3;

const DOCKERFILE = 'FROM python:3.12-slim\nENV API_TOKEN=change-me\nRUN pip install flask\nCMD python -m http.server\n';

/** CPU milliseconds of the finished child processes so far (Linux: cutime + cstime, in 10 ms ticks); undefined elsewhere. */
function childrenCpuMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** One command line's samples: wall-clock milliseconds per process, and the CPU they used in all. */
interface ProcessSamples {
  ms: number[];
  cpuMs: number;
}

/** Runs one whole process, from spawn to exit, and records it. */
function timeProcess(samples: ProcessSamples, args: readonly string[], cwd: string): void {
  const cpuBefore = childrenCpuMs() ?? 0;
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  samples.ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  samples.cpuMs += (childrenCpuMs() ?? 0) - cpuBefore;
  if (result.status === null || result.status > 1) throw new Error(`node ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

interface Comparison {
  ours: ProcessSamples;
  peer: ProcessSamples;
}

/** Runs both command lines `rounds` times in `cwd`, alternating which goes first, after one untimed run of each. */
function alternate(rounds: number, cwd: string, ours: readonly string[], peer: readonly string[]): Comparison {
  const warmUp: ProcessSamples = { ms: [], cpuMs: 0 };
  timeProcess(warmUp, ours, cwd);
  timeProcess(warmUp, peer, cwd);
  const samples: Comparison = { ours: { ms: [], cpuMs: 0 }, peer: { ms: [], cpuMs: 0 } };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
    for (const side of order) timeProcess(samples[side], side === 'ours' ? ours : peer, cwd);
  }
  return samples;
}

/** Mean CPU per process of both sides, for the notes: less inflated than wall time on a busy machine. */
function cpuNote(measure: string, samples: Comparison, peerName: string): string {
  const mean = (side: ProcessSamples) => side.cpuMs / side.ms.length;
  return `${measure}: mean CPU per process ${formatMs(mean(samples.ours))} vs ${peerName} ${formatMs(mean(samples.peer))} (user + system, 10 ms ticks).`;
}

function processRow(measure: string, samples: Comparison, peerName: string, maxRatio: number, target: string): Row {
  const ours = median(samples.ours.ms);
  const peer = median(samples.peer.ms);
  return {
    measure,
    median: ours,
    p95: percentile(samples.ours.ms, 0.95),
    peer: `${peerName} ${formatMs(peer)}`,
    ratio: formatSpeedRatio(ours, peer),
    target,
    pass: ours / peer <= maxRatio,
  };
}

/** A directory outside any repository, so the CLI's workspace is that directory alone. */
function looseDirectory(name: string, files: Record<string, string>): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `plumbline-bench-${name}-`));
  fs.mkdirSync(path.join(directory, '.git'));
  for (const [relative, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, relative), text);
  return directory;
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const report: SuiteReport = { suite: 'cli', title: 'whole CLI processes: bin/plumbline.js vs dist/cli.js and dockerfile-utils', rows: [], notes: [] };
  const { bin, bundle } = buildPackage(context, 'cli-package');
  // dockerfile-utils' own command line, which reads the file and prints validate()'s problems.
  const peerCli = path.join(path.dirname(require.resolve('dockerfile-utils/package.json')), 'bin', 'dockerfile-utils');

  const rounds = context.scale === 'smoke' ? 1 : 20;
  const empty = looseDirectory('empty', {});
  const oneFile = looseDirectory('dockerfile', { Dockerfile: DOCKERFILE });
  try {
    context.log(`cli: ${rounds} rounds of whole processes on an empty directory`);
    const start = alternate(rounds, empty, [bin, 'check'], [bundle, 'check']);
    const startMeasure = '`node bin/plumbline.js check`, empty directory';
    report.rows.push(processRow(startMeasure, start, 'node dist/cli.js', MAX_BIN_OVERHEAD, `≤ ${MAX_BIN_OVERHEAD}× dist/cli.js`));
    context.log(`cli: ${rounds} rounds of whole processes on one Dockerfile`);
    const dockerfile = alternate(rounds, oneFile, [bin, 'check', 'Dockerfile'], [peerCli, 'lint', 'Dockerfile']);
    const dockerfileMeasure = '`plumbline check Dockerfile`, one 4-line file';
    report.rows.push(processRow(dockerfileMeasure, dockerfile, 'dockerfile-utils lint', 1, 'no slower than dockerfile-utils lint'));
    if (childrenCpuMs() !== undefined) {
      report.notes.push(cpuNote(startMeasure, start, 'dist/cli.js'), cpuNote(dockerfileMeasure, dockerfile, 'dockerfile-utils lint'));
    }
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
    fs.rmSync(oneFile, { recursive: true, force: true });
  }
  report.notes.push(
    'Whole processes, spawn to exit, alternating which goes first each round; they include Node start-up (about 40 ms here), so they are noisy on a shared machine.',
    "bin/plumbline.js runs the bundle through V8's code cache in ~/.cache/plumbline (written by the untimed first run, as by a user's first run); node dist/cli.js compiles it each time.",
    "Both CLI rows run a private build of the current sources laid out as the package is; the peer is dockerfile-utils' own command line, `dockerfile-utils lint Dockerfile`, which runs validate() and prints its problems.",
  );
  return report;
}

export const cliSuite: BenchSuite = { name: 'cli', title: 'CLI start-up', run };
