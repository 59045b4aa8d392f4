/**
 * Test code is not production code: the Python rules that judge production
 * quality skip the files `paths.tests` matches, unless a team turns a rule's
 * `checkTests` option on.
 */
import type { RuleContext } from '../../engine/rule';

export const CHECK_TESTS_OPTION = {
  checkTests: {
    type: 'boolean',
    default: false,
    description: 'Also report test code (the files `paths.tests` matches; by default `test_*.py`, `*_test.py`, `conftest.py`, `fakes.py`, `*_fakes.py` and whatever is under a `tests/`, `test/`, `*_tests/`, `*-tests/`, `*_test/`, `*-test/`, `testing/`, `testutils/` or `fixtures/` folder), which is exempt by default.',
  },
} as const;

/** Test code the rule leaves alone: a test file, and the rule's `checkTests` is off. */
export function skipsTestCode(context: RuleContext): boolean {
  return context.options.checkTests !== true && context.config.isTestFile(context.relativePath);
}

/** The sentence each of these rules' docs pages adds to its rationale. */
export const TEST_CODE_EXEMPTION =
  ' Test code is not production code: files that `paths.tests` in `.plumbline.yaml` matches are not checked unless the `checkTests` option is on.';
