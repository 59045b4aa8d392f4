import { createRuleRegistry, type RuleRegistry } from '../engine/registry';
import type { AnyRule } from '../engine/rule';
import { adrRules } from './adr';
import { changelogRules } from './changelog';
import { composeRules } from './compose';
import { configRules } from './config';
import { dockerRules } from './docker';
import { docsRules } from './docs';
import { layoutRules } from './layout';
import { policyRules } from './policy';
import { pythonRules } from './python';
import { pythonPartition } from './python/support/incremental';
import { requirementsRules } from './requirements';

/** The built-in rules: what the CLI, the language server and the tests hand the engine. */
export const builtinRules: RuleRegistry = createRuleRegistry(
  [
    ...configRules,
    ...dockerRules,
    ...composeRules,
    ...pythonRules,
    ...requirementsRules,
    ...changelogRules,
    ...adrRules,
    ...docsRules,
    ...layoutRules,
    ...policyRules,
  ],
  { python: pythonPartition },
);

/** Every built-in rule, in code order. */
export const allRules: readonly AnyRule[] = builtinRules.rules;

/** Finds a built-in rule by its code (`PL101`, any case) or its name (`docker/non-root-user`). */
export function findRule(codeOrName: string): AnyRule | undefined {
  return builtinRules.findRule(codeOrName);
}
