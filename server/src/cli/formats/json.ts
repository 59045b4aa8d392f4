import type { CheckReport, ReportedDiagnostic } from '../checkRun';
import { jsonWithStreamedArray, STREAMED_ARRAY } from './streamJson';
import { countDiagnostics } from './summary';

function jsonDiagnostic({ file, diagnostic, fixable, fix }: ReportedDiagnostic) {
  return {
    file,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    code: diagnostic.code,
    rule: diagnostic.rule,
    severity: diagnostic.severity,
    message: diagnostic.message,
    fixable,
    fix: fix ? { title: fix.title, applicability: fix.applicability ?? null } : null,
  };
}

/**
 * `--format json`: one object, positions 1-based, paths relative to the cwd;
 * `root` is the workspace root the run used, as an absolute path.
 * In pieces (see jsonWithStreamedArray): a large report is never one string.
 */
export function formatJson(report: CheckReport): Iterable<string> {
  const { errors, warnings, infos, fixable, unsafeFixable } = countDiagnostics(report);
  // `baselined` only when the baseline hid something, so output without a baseline is unchanged.
  const baselined = report.baseline?.baselined ? { baselined: report.baseline.baselined } : {};
  // A rule that threw is listed, so a script sees that the report is incomplete (the CLI exits 2).
  const failures = report.failures.map(({ file, code, message }) => ({ file, code, message: message.split('\n')[0] }));
  const summary = { files: report.filesChecked, errors, warnings, infos, fixable, unsafeFixable, failures: failures.length, ...baselined };
  const skeleton = { version: 1, root: report.root, summary, failures, diagnostics: STREAMED_ARRAY };
  return jsonWithStreamedArray(skeleton, report.diagnostics, jsonDiagnostic);
}
