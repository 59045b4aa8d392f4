import type { SuiteReport } from './report';

/** `smoke` runs every code path on one or two tiny inputs so the benchmarks cannot rot unnoticed. */
export type Scale = 'full' | 'smoke';

export interface SuiteContext {
  scale: Scale;
  /** The repository checkout (for examples and sources). */
  repoRoot: string;
  /** A directory this run may fill with generated inputs. */
  workDir: string;
  /** Progress for the person waiting; goes to stderr so tables stay clean on stdout. */
  log(message: string): void;
}

export interface BenchSuite {
  name: string;
  title: string;
  run(context: SuiteContext): Promise<SuiteReport>;
}
