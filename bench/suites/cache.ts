import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatMs, formatSpeedRatio, type Row, type SuiteReport } from '../lib/report';
import { median } from '../lib/stats';
import { buildPackage } from '../lib/package';
import type { BenchSuite, SuiteContext } from '../lib/suite';
import { copyStdlib, GNU_TIME, pydocstyleCommand, PYDOCSTYLE_SELECT, runPydocstyle, stdlibDirectory } from './python';

const PYDOCSTYLE_SPEEDUP = 20;
const COLD_SPEEDUP = 5;
const WARM_SAMPLES = 3;

interface CliRun {
  ms: number;
  cpuMs: number;
  stdout: string;
}

/** One whole `node cli.js check . --format json` process: wall and CPU time (GNU time) and what it printed. */
function runCli(cli: string, root: string, cacheDirectory: string, timeFile: string): CliRun {
  const result = spawnSync(
    GNU_TIME,
    ['-f', '%e %U %S', '-o', timeFile, process.execPath, cli, 'check', '.', '--format', 'json', '--cache-location', cacheDirectory],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (result.status !== 0 && result.status !== 1) throw new Error(`the CLI failed (exit ${result.status}): ${result.stderr.trim().split('\n').pop()}`);
  const [wall, user, system] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { ms: wall! * 1000, cpuMs: (user! + system!) * 1000, stdout: result.stdout };
}

/** The store's files and their modification times: a warm run that only hits rewrites none of them. */
function storeState(cacheDirectory: string): string {
  return fs
    .readdirSync(cacheDirectory)
    .map((name) => `${name}:${fs.statSync(path.join(cacheDirectory, name)).mtimeMs}`)
    .sort()
    .join(',');
}

function speedRow(
  measure: string,
  target: string,
  warm: { ms: number; cpuMs: number },
  other: { ms: number; cpuMs?: number },
  otherName: string,
  needed: number,
): Row {
  return {
    measure,
    median: warm.ms,
    cpu: warm.cpuMs,
    peer: `${otherName} ${formatMs(other.ms)}${other.cpuMs ? ` (CPU ${formatMs(other.cpuMs)})` : ''}`,
    ratio: formatSpeedRatio(warm.ms, other.ms) + (other.cpuMs ? ` (CPU: ${formatSpeedRatio(warm.cpuMs, other.cpuMs)})` : ''),
    target,
    pass: other.ms / warm.ms >= needed,
  };
}

async function run(context: SuiteContext): Promise<SuiteReport> {
  const report: SuiteReport = { suite: 'cache', title: 'Result cache: the stdlib, warm, vs a cold run and pydocstyle', rows: [], notes: [] };
  const stdlib = stdlibDirectory();
  if (!stdlib) return { ...report, skipped: 'python3 is not installed, so there is no standard library to read' };
  if (!fs.existsSync(GNU_TIME)) return { ...report, skipped: `${GNU_TIME} is not installed (apt-get install time)` };
  const { root, removed } = copyStdlib(context, stdlib);
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.py'));
  const cli = buildPackage(context, 'cache-package').bundle;
  const cacheDirectory = path.join(context.workDir, 'stdlib-cache');
  const timeFile = path.join(context.workDir, 'cache-cli-time.txt');
  fs.rmSync(cacheDirectory, { recursive: true, force: true });

  context.log(`cache: cold CLI run over ${files.length} stdlib files (empty cache)`);
  const cold = runCli(cli, root, cacheDirectory, timeFile);
  const written = storeState(cacheDirectory);
  context.log(`cache: ${WARM_SAMPLES} warm CLI runs, nothing changed`);
  const warmRuns = Array.from({ length: WARM_SAMPLES }, () => runCli(cli, root, cacheDirectory, timeFile));
  const identical = warmRuns.every((warm) => warm.stdout === cold.stdout);
  const untouched = storeState(cacheDirectory) === written;
  const warm = { ms: median(warmRuns.map((r) => r.ms)), cpuMs: median(warmRuns.map((r) => r.cpuMs)) };

  const measure = `full Python stdlib (${files.length} files), warm cache, nothing changed`;
  const coldRow = speedRow(`${measure}, vs the cold run`, `≥ ${COLD_SPEEDUP}× faster than the cold run`, warm, cold, 'cold run', COLD_SPEEDUP);
  coldRow.pass &&= identical && untouched;
  report.rows.push(coldRow);
  const command = pydocstyleCommand();
  if (command) {
    context.log(`cache: pydocstyle on the same ${files.length} files`);
    const peer = await runPydocstyle(root, files, path.join(context.workDir, 'cache-pydocstyle-cpu.txt'));
    const row = speedRow(`${measure}, vs pydocstyle`, `≥ ${PYDOCSTYLE_SPEEDUP}× faster than pydocstyle`, warm, peer, 'pydocstyle', PYDOCSTYLE_SPEEDUP);
    row.pass &&= identical && untouched;
    report.rows.push(row);
    report.notes.push(
      `pydocstyle (Debian) ${PYDOCSTYLE_SELECT}, one process over the same files: ${formatMs(peer.ms)} wall${peer.cpuMs ? `, ${formatMs(peer.cpuMs)} CPU` : ''}, ${peer.problems} problems.`,
    );
  } else {
    report.rows.push({
      measure: `${measure}, vs pydocstyle`,
      target: `≥ ${PYDOCSTYLE_SPEEDUP}× faster than pydocstyle`,
      skipped: 'pydocstyle is not installed',
    });
  }
  const left = removed.length ? `; left out, as Python cannot decode them: ${removed.join(', ')}` : '';
  report.notes.push(
    `Whole processes: dist/cli.js as the package ships it, \`node cli.js check . --format json --cache-location <dir>\` over a copy of ${stdlib}${left}, all rules. ` +
      `Cold (empty cache, stores every result): ${formatMs(cold.ms)} wall, ${formatMs(cold.cpuMs)} CPU. ` +
      `Warm (median of ${WARM_SAMPLES}): ${warmRuns.map((r) => `${formatMs(r.ms)} wall / ${formatMs(r.cpuMs)} CPU`).join('; ')}. ` +
      `Warm output ${identical ? 'byte-identical to' : 'DIFFERENT from'} the cold run's; the store ${untouched ? 'was not rewritten (every file hit)' : 'WAS rewritten (a file missed)'}. A row passes only when both hold.`,
  );
  return report;
}

export const cacheSuite: BenchSuite = { name: 'cache', title: 'Result cache', run };
