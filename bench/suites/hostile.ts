import { HOSTILE_CASES, runHostileCase } from '../../test/fuzz/hostile';
import type { Row, SuiteReport } from '../lib/report';
import type { BenchSuite, SuiteContext } from '../lib/suite';

/** At smoke scale, one cheap case keeps the code path alive without building 100,000 files. */
const SMOKE_CASE = 'binary-dockerfile';

/**
 * The hostile workspaces of `npm run fuzz:hostile` (test/fuzz/hostile.ts),
 * each through `plumbline check` in its own process: exit status, wall time,
 * CPU time and peak RSS. A case passes when the exit status, the output and
 * the time are the ones it requires.
 */
export const hostileSuite: BenchSuite = {
  name: 'hostile',
  title: 'hostile workspaces through the CLI: exit status, time, peak RSS',
  async run(context: SuiteContext): Promise<SuiteReport> {
    const cases = context.scale === 'smoke' ? HOSTILE_CASES.filter((hostile) => hostile.name === SMOKE_CASE) : HOSTILE_CASES;
    const rows: Row[] = cases.map((hostile) => {
      context.log(`hostile: ${hostile.name}`);
      const outcome = runHostileCase(hostile);
      const rss = outcome.peakRssMb === undefined ? 'peak RSS ?' : `peak RSS ${Math.round(outcome.peakRssMb)} MB`;
      return {
        measure: `${hostile.name}: exit ${outcome.exit}`,
        median: outcome.seconds * 1000,
        cpu: outcome.cpuSeconds === undefined ? undefined : outcome.cpuSeconds * 1000,
        throughput: rss,
        target: `exit ${hostile.exitCodes.join('/')}, ≤ ${hostile.maxSeconds} s, its message`,
        pass: outcome.problems.length === 0,
      };
    });
    return {
      suite: 'hostile',
      title: this.title,
      rows,
      notes: [
        'One process per case (`node --import tsx server/src/cli/main.ts check …`, sources, not the bundle), run once: Median is its wall time from spawn to exit, CPU median its user + system CPU time and Throughput its peak RSS, both reported by the process itself (`process.resourceUsage()`) as it exits.',
        "The target is what the user must get: the exit status, the case's message (a clear finding, or a note that the file was skipped; the patterns are in test/fuzz/hostile.ts) and a wall-time limit. The same cases run in CI as `npm run fuzz:hostile`.",
      ],
    };
  },
};
