import type { RuleContext } from '../../../engine/rule';
import type { Report } from '../../../engine/types';

/**
 * A report function that drops repeats at the same range: a value inside an
 * `x-` anchor that several services merge is one problem, reported once.
 */
export function reportOncePerRange(context: Pick<RuleContext, 'report'>): (report: Report) => void {
  const seen = new Set<string>();
  return (report) => {
    const { start, end } = report.range;
    const key = `${start.line}:${start.character}-${end.line}:${end.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    context.report(report);
  };
}
