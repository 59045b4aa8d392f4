import type { OptionSpecs, RuleContext } from '../../../engine/rule';
import type { Report } from '../../../engine/types';
import type { ComposeModel } from '../../../languages/compose';

interface Checked {
  dependencies: readonly unknown[];
  reports: Report[];
}

const checkedModels = new WeakMap<ComposeModel, Map<string, Checked>>();

function sameDependencies(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
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
  let byRule = checkedModels.get(context.parsed);
  if (!byRule) {
    byRule = new Map();
    checkedModels.set(context.parsed, byRule);
  }
  // Option values are primitives or arrays owned by the configuration, so identity compares them.
  const keys = [context.config, ...Object.values(context.options), ...dependencies];
  let checked = byRule.get(rule);
  if (!checked || !sameDependencies(checked.dependencies, keys)) {
    const reports: Report[] = [];
    check({ ...context, report: (report) => reports.push(report) });
    checked = { dependencies: keys, reports };
    byRule.set(rule, checked);
  }
  for (const report of checked.reports) context.report(report);
}
