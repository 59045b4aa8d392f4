// `npm run bench [suite…]`: prints, per suite, a table of medians, p95s and
// ratios against peer tools measured in the same run, with PASS/MISS against
// the targets. Informational: the exit status is 0 unless the harness breaks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, summaryLine, type SuiteReport } from './lib/report';
import { suites } from './suites';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = path.join(repoRoot, 'bench', '.generated');

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length) {
    process.stderr.write(`Unknown suite ${unknown.join(', ')}; choose from: ${suites.map((suite) => suite.name).join(', ')}\n`);
    return 2;
  }
  const selected = requested.length ? suites.filter((suite) => requested.includes(suite.name)) : suites;
  fs.mkdirSync(workDir, { recursive: true });
  process.stdout.write(`Plumbline benchmarks: Node ${process.version}, ${process.platform}/${process.arch}\n\n`);
  const reports: SuiteReport[] = [];
  for (const suite of selected) {
    const report = await suite.run({
      scale: 'full',
      repoRoot,
      workDir,
      log: (message) => process.stderr.write(`… ${message}\n`),
    });
    reports.push(report);
    process.stdout.write(`${formatReport(report)}\n`);
  }
  process.stdout.write(`Summary\n${reports.map((report) => `  ${summaryLine(report)}`).join('\n')}\n`);
  return 0;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
