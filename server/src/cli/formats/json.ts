import type { CheckReport } from '../checkRun';
import { countDiagnostics } from './summary';

/** `--format json`: one object, positions 1-based, paths relative to the cwd. */
export function formatJson(report: CheckReport): string {
  const { errors, warnings, infos } = countDiagnostics(report);
  const output = {
    version: 1,
    summary: { files: report.filesChecked, errors, warnings, infos },
    diagnostics: report.diagnostics.map(({ file, diagnostic, fixable }) => ({
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
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
