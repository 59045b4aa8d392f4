import type { AnyRule } from '../engine/rule';
import { compareOrdinal } from '../engine/ordinal';
import { adrRules } from './adr';
import { changelogRules } from './changelog';
import { composeRules } from './compose';
import { configRules } from './config';
import { dockerRules } from './docker';
import { docsRules } from './docs';
import { layoutRules } from './layout';
import { policyRules } from './policy';
import { pythonRules } from './python';
import { requirementsRules } from './requirements';

/** Every rule, in code order. */
export const allRules: readonly AnyRule[] = [
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
].sort((a, b) => compareOrdinal(a.meta.code, b.meta.code));

const byKey = new Map<string, AnyRule>();
for (const rule of allRules) {
  byKey.set(rule.meta.code.toUpperCase(), rule);
  byKey.set(rule.meta.name.toLowerCase(), rule);
}

/** Finds a rule by its code (`PL101`, any case) or its name (`docker/non-root-user`). */
export function findRule(codeOrName: string): AnyRule | undefined {
  return byKey.get(codeOrName.toUpperCase()) ?? byKey.get(codeOrName.toLowerCase());
}

export const ruleRegistry = { findRule };
