// `npm run bench [suite…]`: prints, per suite, a table of medians, p95s and
// ratios against peer tools measured in the same run, with PASS/MISS against
// the targets. Informational: a missed target does not fail the run; a
// suite that throws does (exit status 1).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, summaryLine, type SuiteReport } from './lib/report';
import type { BenchSuite } from './lib/suite';
import { suites } from './suites';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generatedRoot = path.join(repoRoot, 'bench', '.generated');

/** Wall-clock figures mean little while other work competes for the cores; say so. */
function loadWarning(): string | undefined {
  const [load] = os.loadavg();
  const cores = os.availableParallelism();
  if (load! <= cores * 0.75) return undefined;
  return `Warning: load average ${load!.toFixed(1)} on ${cores} cores — wall-clock times are inflated by waiting for a core; the CPU median column is less affected.`;
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length) {
    process.stderr.write(`Unknown suite ${unknown.join(', ')}; choose from: ${suites.map((suite) => suite.name).join(', ')}\n`);
    return 2;
  }
  const selected = requested.length ? suites.filter((suite) => requested.includes(suite.name)) : suites;
  fs.mkdirSync(generatedRoot, { recursive: true });
  // A directory of its own, so two runs at once do not rewrite each other's inputs.
  const workDir = fs.mkdtempSync(path.join(generatedRoot, 'run-'));
  try {
    return await runSuites(selected, workDir);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function runSuites(selected: readonly BenchSuite[], workDir: string): Promise<number> {
  process.stdout.write(`Plumbline benchmarks: Node ${process.version}, ${process.platform}/${process.arch}, ${os.availableParallelism()} cores\n`);
  process.stdout.write(`${loadWarning() ?? 'Machine idle enough for wall-clock figures.'}\n\n`);
  const reports: SuiteReport[] = [];
  const failures: string[] = [];
  for (const suite of selected) {
    try {
      const report = await suite.run({
        scale: 'full',
        repoRoot,
        workDir,
        log: (message) => process.stderr.write(`… ${message}\n`),
      });
      reports.push(report);
      process.stdout.write(`${formatReport(report)}\n`);
    } catch (error) {
      // One broken suite must not hide the others' figures.
      failures.push(`${suite.name}: failed: ${(error as Error)?.stack ?? String(error)}`);
      process.stdout.write(`== ${suite.name}: failed\n${failures.at(-1)}\n\n`);
    }
  }
  const lines = [...reports.map(summaryLine), ...failures.map((failure) => failure.split('\n')[0]!)];
  process.stdout.write(`Summary\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
  return failures.length ? 1 : 0;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
