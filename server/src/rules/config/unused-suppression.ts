import { defineRule, type RuleContext } from '../../engine/rule';
import { applySuppressions, removeSuppressionEdit, type SuppressedCode, type SuppressionDirective, type UnusedSuppression } from '../../engine/suppressions';
import type { Range, Report } from '../../engine/types';

const CODE = 'PL505';

/** A directive that names only PL505 exists to keep other suppressions. */
function onlyKeepsSuppressions(directive: SuppressionDirective): boolean {
  return directive.codes.length > 0 && directive.codes.every((entry) => entry.code === CODE);
}

function messageOf({ entry }: UnusedSuppression): string {
  if (!entry) return 'This suppression silences nothing; remove it.';
  return entry.code
    ? `Unused suppression: ${entry.text} reports nothing here; remove it.`
    : `Unknown rule "${entry.text}" in suppression; use a code such as PL101 or a rule name.`;
}

/** A finding of this rule, shaped so that suppression comments can silence it in turn. */
interface Finding {
  code: string;
  range: Range;
  report: Report;
}

function reportUnusedSuppressions(context: RuleContext): void {
  const facts = context.suppressions;
  if (!facts) return;
  const findings: Finding[] = [];
  const aboutKeepers: Array<{ finding: Finding; unusedEntry: SuppressedCode | SuppressionDirective }> = [];
  for (const unused of facts.unused) {
    const { directive, entry } = unused;
    const range = entry?.range ?? directive.commentRange;
    const finding: Finding = {
      code: CODE,
      range,
      report: {
        message: messageOf(unused),
        range,
        unnecessary: true,
        fixes: [
          {
            title: entry ? `Remove unused suppression of ${entry.text}` : 'Remove unused suppression',
            edits: [removeSuppressionEdit(context.document, directive, entry)],
            isPreferred: true,
          },
        ],
      },
    };
    if (onlyKeepsSuppressions(directive)) aboutKeepers.push({ finding, unusedEntry: entry ?? directive });
    else findings.push(finding);
  }
  // A directive may name PL505 itself to keep a deliberate suppression; it is
  // unused only if it keeps none. It cannot keep another such keeper: a chain
  // of them would unravel one fix-all pass per link. Nor can a blanket that
  // silenced nothing else: it is reported, and so is what it would hide.
  const staleBlankets = new Set(facts.unused.filter(({ entry }) => !entry).map(({ directive }) => directive));
  const outcome = applySuppressions(
    findings,
    facts.directives.filter((directive) => !staleBlankets.has(directive)),
    () => true,
  );
  const keepsNothing = new Set(outcome.unused.map(({ directive, entry }) => entry ?? directive));
  for (const { report } of outcome.kept) context.report(report);
  for (const { finding, unusedEntry } of aboutKeepers) if (keepsNothing.has(unusedEntry)) context.report(finding.report);
}

/** Reads the engine's suppression facts, so it runs after every other rule. */
export const unusedSuppression = defineRule({
  meta: {
    code: 'PL505',
    name: 'config/unused-suppression',
    summary: 'A `plumbline: disable-…` comment that suppresses nothing, or names a rule that does not exist.',
    severity: 'warning',
    policy: 'A suppression that suppresses nothing is itself reported, so stale exceptions to the policy do not pile up.',
    fixable: 'yes',
    fixApplicability: 'safe',
    runsAfterSuppressions: true,
    kinds: ['dockerfile', 'compose', 'python', 'requirements', 'markdown', 'shell', 'env', 'plumbline-config'],
    docs: {
      language: 'dockerfile',
      exampleFile: 'Dockerfile',
      rationale:
        'Suppressions outlive the problems they silenced. A stale one hides the next real problem on that line, so Plumbline reports it, as Ruff reports an unused `noqa` (RUF100). A suppression of a rule that the current configuration turns off is not reported: another configuration may turn it on. A suppression of PL505 itself keeps a deliberate suppression on its target line, and is reported only when it keeps none; it cannot keep another suppression that names only PL505, so a chain of them is reported, and removed, at once. Nor can a blanket suppression that silences nothing else keep one: two stale blanket comments in a row, or a stale `disable-file` blanket, are all reported.',
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
  check: reportUnusedSuppressions,
});
