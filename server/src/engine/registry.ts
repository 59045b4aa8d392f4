import type { ParsedByKind } from '../languages';
import type { RuleLookup } from './config';
import type { UnitPartition } from './incremental';
import { compareOrdinal } from './ordinal';
import type { AnyRule } from './rule';
import type { FileKind } from './types';

/**
 * The rules a front end lints with. The engine knows no rule of its own: the
 * CLI, the language server and tests hand it one (the built-in one is
 * `rules/index.ts`), and configuration and suppression comments name rules
 * through it.
 */
export interface RuleRegistry extends RuleLookup {
  /** Every rule, in code order. */
  readonly rules: readonly AnyRule[];
  /** By code (`PL101`, any case) or name (`docker/non-root-user`). */
  findRule(codeOrName: string): AnyRule | undefined;
  /**
   * How a file kind's parse splits into units that rules with `localTo`
   * re-check one by one after an edit; a kind without one is re-checked whole.
   */
  unitPartitionOf?(kind: FileKind): UnitPartition<unknown> | undefined;
}

export function createRuleRegistry(rules: readonly AnyRule[], partitions: { readonly [K in FileKind]?: UnitPartition<ParsedByKind[K]> } = {}): RuleRegistry {
  const sorted = [...rules].sort((a, b) => compareOrdinal(a.meta.code, b.meta.code));
  const byKey = new Map<string, AnyRule>();
  for (const rule of sorted) {
    byKey.set(rule.meta.code.toUpperCase(), rule);
    byKey.set(rule.meta.name.toLowerCase(), rule);
  }
  return {
    rules: sorted,
    findRule: (codeOrName) => byKey.get(codeOrName.toUpperCase()) ?? byKey.get(codeOrName.toLowerCase()),
    unitPartitionOf: (kind) => partitions[kind] as UnitPartition<unknown> | undefined,
  };
}
