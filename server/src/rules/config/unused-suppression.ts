import { defineRule } from '../../engine/rule';

/**
 * Reported by the engine itself after suppressions are applied (see
 * engine/linter.ts); this module carries the rule's meta and docs.
 */
export const unusedSuppression = defineRule({
  meta: {
    code: 'PL505',
    name: 'config/unused-suppression',
    summary: 'A `plumbline: disable-…` comment that suppresses nothing, or names a rule that does not exist.',
    severity: 'warning',
    policy: 'A suppression that suppresses nothing is itself reported, so stale exceptions to the policy do not pile up.',
    fixable: 'yes',
    fixApplicability: 'safe',
    kinds: ['dockerfile', 'compose', 'python', 'requirements', 'markdown', 'shell', 'env', 'plumbline-config'],
    docs: {
      language: 'dockerfile',
      exampleFile: 'Dockerfile',
      rationale:
        'Suppressions outlive the problems they silenced. A stale one hides the next real problem on that line, so Plumbline reports it, as Ruff reports an unused `noqa` (RUF100). A suppression of a rule that the current configuration turns off is not reported: another configuration may turn it on. A suppression of PL505 itself keeps a deliberate suppression on its target line, and is reported only when it keeps none; it cannot keep another suppression that names only PL505, so a chain of them is reported, and removed, at once.',
      bad: `FROM python:3.12.7-slim
# plumbline: disable-next-line PL106
CMD ["python", "app.py"]
`,
      good: `FROM python:3.12.7-slim
CMD ["python", "app.py"]
`,
      fix: 'Removes the unused code from the comment, or the whole comment when it names nothing else.',
      peers: 'Ruff RUF100 (unused `noqa`); ESLint `--report-unused-disable-directives`.',
    },
  },
  check() {
    // Nothing to do per document: the engine reports unused suppressions after all rules ran.
  },
});
