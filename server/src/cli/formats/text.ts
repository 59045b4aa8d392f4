import { relativePosix } from '../../engine/fileSystem';
import type { Severity } from '../../engine/types';
import type { CheckReport } from '../checkRun';
import { countDiagnostics, fixableNote } from './summary';

const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1 } as const;
type Style = keyof typeof ANSI;

export interface FormatOptions {
  color?: boolean;
  fix?: boolean;
  /** The run was given `--unsafe-fixes`, so its fixable count includes unsafe fixes. */
  unsafeFixes?: boolean;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan', hint: 'cyan' };

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * `--format text`: one `path:line:col: severity CODE message [rule]` line per
 * problem, then a summary line. A line at a time: a large report is never
 * one string.
 */
export function* formatText(report: CheckReport, options: FormatOptions = {}): Generator<string> {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  for (const { file, diagnostic } of report.diagnostics) {
    const { line, character } = diagnostic.range.start;
    const severity = paint(SEVERITY_STYLE[diagnostic.severity], diagnostic.severity);
    yield `${file}:${line + 1}:${character + 1}: ${severity} ${diagnostic.code} ${diagnostic.message} ${paint('dim', `[${diagnostic.rule}]`)}\n`;
  }
  if (options.fix && report.fixed.length > 0) {
    const fixes = report.fixed.reduce((sum, file) => sum + file.fixesApplied, 0);
    yield `${paint('green', `Fixed ${plural(fixes, 'problem')} in ${plural(report.fixed.length, 'file')}.`)}\n`;
  }
  const counts = countDiagnostics(report);
  // The root decides the configuration and the cross-file facts, so the summary names it.
  const files = `${plural(report.filesChecked, 'file')} (workspace root: ${relativePosix(report.cwd, report.root) || '.'})`;
  if (report.failures.length > 0) {
    const where = report.failures.map(({ code, file }) => `${code} on ${file}`);
    const shown = where.length > 5 ? `${where.slice(0, 5).join(', ')} and ${where.length - 5} more` : where.join(', ');
    yield `${paint('red', `✖ ${plural(report.failures.length, 'rule failure')} (${shown}): the problems those rules would report are missing; see the errors above.`)}
`;
  }
  if (report.diagnostics.length === 0 && report.failures.length > 0) {
    yield `No problems reported in ${files}, but the check is incomplete.
`;
  } else if (report.diagnostics.length === 0) {
    yield `${paint('green', `✔ No problems in ${files}`)}\n`;
  } else {
    const breakdown = `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')}`;
    const note = fixableNote(counts, options.unsafeFixes === true);
    const fixable = note ? `; ${note}` : '';
    const style: Style = counts.errors > 0 ? 'red' : 'yellow';
    yield `${paint(style, `✖ ${plural(report.diagnostics.length, 'problem')} (${breakdown}) in ${files}${fixable}`)}\n`;
  }
}
