import type { AnyRule } from '../../server/src/engine/rule';
import { allRules } from '../../server/src/rules';

/** The rules of one pack, by code prefix (`PL1` → PL101…PL107). */
export function rulesWithCodePrefix(prefix: string): AnyRule[] {
  return allRules.filter((rule) => rule.meta.code.startsWith(prefix));
}

/** Why a suite cannot run yet, when its pack has no rules. */
export function missingRulesReason(rules: readonly AnyRule[], pack: string, folder: string): string | undefined {
  return rules.length === 0 ? `no ${pack} rules yet (server/src/rules/${folder} lists none)` : undefined;
}

export function codesOf(rules: readonly AnyRule[]): string {
  return rules.map((rule) => rule.meta.code).join(', ');
}
