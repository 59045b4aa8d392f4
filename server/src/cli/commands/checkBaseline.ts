import type { BaselineMode } from '../baselineRun';
import type { CheckReport } from '../checkRun';
import { UsageError, type CliIo } from '../command';

/** The baseline mode `check`'s flags ask for; the baseline is always honoured. */
export function baselineMode(write: boolean, prune: boolean): BaselineMode {
  if (write && prune) throw new UsageError('plumbline check: --write-baseline and --prune-baseline exclude each other; --write-baseline prunes too.');
  return write ? 'write' : prune ? 'prune' : 'apply';
}

const findings = (count: number) => `${count} finding${count === 1 ? '' : 's'}`;

/** Says on stderr what the baseline hid or recorded; a written baseline is said even with --quiet. */
export function noteBaseline(report: CheckReport, io: CliIo, quiet: boolean): void {
  const outcome = report.baseline;
  if (!outcome) return;
  if (outcome.written) {
    io.stderr(`Wrote ${outcome.file}: ${findings(outcome.accepted)} accepted; check reports only new ones.\n`);
  } else if (outcome.baselined > 0 && !quiet) {
    io.stderr(`note: ${findings(outcome.baselined)} accepted in ${outcome.file} not shown (--prune-baseline drops fixed ones).\n`);
  }
}
