import type { CheckReport } from '../checkRun';

export interface Counts {
  errors: number;
  warnings: number;
  /** Infos and hints together. */
  infos: number;
  /** Fixed by this run's `--fix`. */
  fixable: number;
  /** Fixed only with `--unsafe-fixes` as well. */
  unsafeFixable: number;
}

export function countDiagnostics(report: CheckReport): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, fixable: 0, unsafeFixable: 0 };
  for (const { diagnostic, fixable, unsafeFixable } of report.diagnostics) {
    if (diagnostic.severity === 'error') counts.errors++;
    else if (diagnostic.severity === 'warning') counts.warnings++;
    else counts.infos++;
    if (fixable) counts.fixable++;
    if (unsafeFixable) counts.unsafeFixable++;
  }
  return counts;
}

/**
 * The summary's note on fixes, as Ruff's: `3 fixable with --fix (2 more with
 * --unsafe-fixes)`; empty when none. After a run given `--unsafe-fixes`, its
 * fixable count needs that flag too.
 */
export function fixableNote({ fixable, unsafeFixable }: Counts, withUnsafeFixes = false): string {
  const command = withUnsafeFixes ? '--fix --unsafe-fixes' : '--fix';
  if (fixable === 0) return unsafeFixable === 0 ? '' : `${unsafeFixable} fixable with --fix --unsafe-fixes`;
  return `${fixable} fixable with ${command}${unsafeFixable === 0 ? '' : ` (${unsafeFixable} more with --unsafe-fixes)`}`;
}
