/**
 * Every rule's documented examples are linted, as ESLint's check-rule-examples
 * does: the bad example must be reported by that rule, the good one not at all
 * by it. A page that shows compliant code the rule still reports misleads.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyRule } from '../../../server/src/engine/rule';
import { allRules } from '../../../server/src/rules';
import { describeDiagnostics, lintCase, ofRule } from '../../helpers/ruleTester';

/** The rule's diagnostics on one of its examples, linted as the file the page names, among the files its comments describe. */
function lintExample(rule: AnyRule, which: 'bad' | 'good'): string {
  const { docs } = rule.meta;
  const linted = lintCase(rule, {
    code: docs[which],
    ...(docs.exampleFile && { filename: docs.exampleFile }),
    ...(docs.exampleSurroundings?.[which] && { files: { ...docs.exampleSurroundings[which] } }),
  });
  try {
    return describeDiagnostics(ofRule(rule, linted.diagnostics));
  } finally {
    linted.cleanup();
  }
}

describe('documented rule examples', () => {
  for (const rule of allRules) {
    const { code, docs } = rule.meta;
    // A `text` example is a file listing or a terminal session, not a file to lint; the rule's own tests build those layouts.
    const skip = docs.language === 'text' ? 'the example is a file listing, not a file' : false;

    it(`${code}: the bad example is reported by ${code}`, { skip }, () => {
      assert.notEqual(lintExample(rule, 'bad'), '', `no ${code} on:\n${docs.bad}`);
    });

    it(`${code}: the good example is not reported by ${code}`, { skip }, () => {
      assert.equal(lintExample(rule, 'good'), '', `on:\n${docs.good}`);
    });
  }
});
