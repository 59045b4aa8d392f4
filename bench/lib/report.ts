/** One line of a suite's table: a measurement, what it is compared with, and its verdict. */
export interface Row {
  measure: string;
  /** Milliseconds. */
  median?: number;
  /** Milliseconds. */
  p95?: number;
  /** Median CPU milliseconds of this process for the same samples (less sensitive to a busy machine). */
  cpu?: number;
  throughput?: string;
  /** The peer tool and its median, e.g. `dockerfile-utils validate() 0.41 ms`. */
  peer?: string;
  ratio?: string;
  target: string;
  /** Undefined when the row is informational or could not be measured. */
  pass?: boolean;
  /** Why this measurement could not be taken. */
  skipped?: string;
}

export interface SuiteReport {
  suite: string;
  title: string;
  /** Set when nothing in the suite could run (its rules have not landed, …). */
  skipped?: string;
  rows: Row[];
  /** Method notes printed under the table: inputs, how the peer was run, fallbacks taken. */
  notes: string[];
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function formatRate(count: number, unit: string, totalMs: number): string {
  const perSecond = count / (totalMs / 1000);
  const digits = perSecond >= 100 ? 0 : perSecond >= 10 ? 1 : 2;
  return `${perSecond.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}/s`;
}

/** `peer / ours`, phrased so that bigger means Plumbline is faster. */
export function formatSpeedRatio(oursMs: number, peerMs: number): string {
  const ratio = peerMs / oursMs;
  return ratio >= 1 ? `${ratio.toFixed(ratio >= 10 ? 0 : 1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`;
}

function resultText(row: Row): string {
  if (row.skipped) return `skipped: ${row.skipped}`;
  if (row.pass === undefined) return 'info';
  return row.pass ? 'PASS' : 'MISS';
}

const COLUMNS: Array<{ header: string; cell(row: Row): string }> = [
  { header: 'Measure', cell: (row) => row.measure },
  { header: 'Median', cell: (row) => formatMs(row.median) },
  { header: 'p95', cell: (row) => formatMs(row.p95) },
  { header: 'CPU median', cell: (row) => formatMs(row.cpu) },
  { header: 'Throughput', cell: (row) => row.throughput ?? '–' },
  { header: 'Peer (median)', cell: (row) => row.peer ?? '–' },
  { header: 'Ratio', cell: (row) => row.ratio ?? '–' },
  { header: 'Target', cell: (row) => row.target },
  { header: 'Result', cell: resultText },
];

export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => COLUMNS.map((column) => column.cell(row)));
  const widths = COLUMNS.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: readonly string[]) => `| ${values.map((value, i) => value.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(COLUMNS.map((column) => column.header)), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** The one-line verdict of a suite, e.g. `dockerfile: 2 of 2 targets met`. */
export function summaryLine(report: SuiteReport): string {
  if (report.skipped) return `${report.suite}: skipped: ${report.skipped}`;
  const judged = report.rows.filter((row) => row.pass !== undefined && !row.skipped);
  const met = judged.filter((row) => row.pass).length;
  const missed = judged.filter((row) => !row.pass).map((row) => row.measure);
  const skipped = report.rows.filter((row) => row.skipped).length;
  const parts = [`${met} of ${judged.length} targets met`];
  if (missed.length) parts.push(`missed: ${missed.join('; ')}`);
  if (skipped) parts.push(`${skipped} measurement${skipped === 1 ? '' : 's'} skipped`);
  return `${report.suite}: ${parts.join(', ')}`;
}

export function formatReport(report: SuiteReport): string {
  const heading = `== ${report.suite}: ${report.title}`;
  if (report.skipped) return `${heading}\nskipped: ${report.skipped}\n`;
  const notes = report.notes.map((note) => `  * ${note}`);
  return [heading, formatTable(report.rows), ...notes, summaryLine(report), ''].join('\n');
}
