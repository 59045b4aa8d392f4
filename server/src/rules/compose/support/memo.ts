import type { OptionSpecs, RuleContext } from '../../../engine/rule';
import type { Report } from '../../../engine/types';
import { DerivedValues } from '../../../engine/derived';

/** Each parse's replayable reports, by rule. */
function newReportsByRule(): DerivedValues {
  return new DerivedValues();
}

/**
 * Runs a rule's check on a parse once and replays its reports while nothing
 * it depends on has changed. Editing the port registry makes the editor
 * re-check every open Compose file; rules that the registry cannot affect
 * then cost a comparison instead of a walk over the file. Dependencies are
 * compared by identity: the configuration, the option values and the cached
 * facts of the other files the rule reads.
 */
export function checkOnce<S extends OptionSpecs>(
  context: RuleContext<'compose', S>,
  rule: string,
  dependencies: readonly unknown[],
  check: (context: RuleContext<'compose', S>) => void,
): void {
  // Option values are primitives or arrays owned by the configuration, so identity compares them.
  const keys = [context.config, ...Object.values(context.options), ...dependencies];
  const reports = context.document.deriveFor(context.parsed, checkOnce, newReportsByRule).getWhile(rule, keys, () => {
    const reports: Report[] = [];
    // The parse is a getter of the context's prototype, which a spread leaves behind.
    check({ ...context, parsed: context.parsed, report: (report) => reports.push(report) });
    return reports;
  });
  for (const report of reports) context.report(report);
}
