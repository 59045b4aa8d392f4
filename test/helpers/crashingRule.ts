import { defineRule, type AnyRule } from '../../server/src/engine/rule';
import type { FileKind } from '../../server/src/engine/types';

/** A rule with a bug, for proving that front ends report a throwing rule and keep the others' results. */
export function crashingRule(code: string, kinds: readonly FileKind[], message = 'rule bug'): AnyRule {
  return defineRule({
    meta: {
      code,
      name: `test/crashing-${code.toLowerCase()}`,
      summary: 'Always throws.',
      severity: 'error',
      policy: 'None.',
      fixable: 'no',
      kinds,
      docs: { language: 'text', rationale: 'For tests.', bad: '', good: '' },
    },
    check() {
      throw new Error(message);
    },
  });
}
