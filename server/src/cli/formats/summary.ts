import type { CheckReport } from '../checkRun';

export interface Counts {
  errors: number;
  warnings: number;
  /** Infos and hints together. */
  infos: number;
  fixable: number;
}

export function countDiagnostics(report: CheckReport): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const { diagnostic, fixable } of report.diagnostics) {
    if (diagnostic.severity === 'error') counts.errors++;
    else if (diagnostic.severity === 'warning') counts.warnings++;
    else counts.infos++;
    if (fixable) counts.fixable++;
  }
  return counts;
}
