import { SourceDocument } from '../../server/src/engine/sourceDocument';
import type { Range } from '../../server/src/engine/types';
import { startLspProcessSession, startLspSession, type DiagnosticsMode } from './lspSession';
import { median, percentile } from './stats';
import { formatMs, type Row } from './report';

export interface ScriptedEdit {
  range: Range;
  text: string;
}

/** The edit to make at `step`, given the document as it stands. */
export type EditScript = (step: number, document: SourceDocument) => ScriptedEdit;

export interface EditLatencyOptions {
  /** The workspace folder the server is started on; `filePath` lies inside it. */
  rootDir: string;
  filePath: string;
  languageId: string;
  text: string;
  script: EditScript;
  /** Edits made before measuring, so the JIT and the server's caches are warm. */
  warmupEdits: number;
  measuredEdits: number;
  /** Run this server bundle (see `bundleServer`) as a process of its own, so its CPU time per edit is measured too. */
  serverBundle?: string;
}

export interface EditLatency {
  mode: DiagnosticsMode;
  samples: number[];
  cpuSamples: number[];
  /**
   * The server process's CPU milliseconds per edit, when it ran apart: from
   * the previous edit's diagnostics to this one's, so work done between
   * edits (garbage collection, timers) is counted too.
   */
  serverCpuSamples?: number[];
  /** The same for the warm-up edits, while V8 still compiles the server's hot code. */
  warmupServerCpuSamples?: number[];
  /** Diagnostics of the last version, to show the server did real work. */
  finalDiagnostics: number;
}

/** Types `measuredEdits` scripted edits into an open document and times each didChange → diagnostics of that version. */
export async function measureEditLatency(options: EditLatencyOptions): Promise<EditLatency> {
  const session = options.serverBundle ? await startLspProcessSession(options.rootDir, options.serverBundle) : await startLspSession(options.rootDir);
  try {
    await session.open(options.filePath, options.languageId, options.text);
    let document = new SourceDocument(options.filePath, options.text, 1);
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    const serverCpuSamples: number[] = [];
    const warmupServerCpuSamples: number[] = [];
    let serverCpuBefore = session.serverCpuMs?.();
    let finalDiagnostics = 0;
    const total = options.warmupEdits + options.measuredEdits;
    for (let step = 0; step < total; step++) {
      const edit = options.script(step, document);
      const version = (document.version ?? 1) + 1;
      const text = document.text.slice(0, document.offsetAt(edit.range.start)) + edit.text + document.text.slice(document.offsetAt(edit.range.end));
      document = new SourceDocument(options.filePath, text, version);
      const timing = await session.change(options.filePath, version, [{ range: edit.range, text: edit.text }]);
      const serverCpuAfter = session.serverCpuMs?.();
      const measured = step >= options.warmupEdits;
      if (measured) {
        samples.push(timing.ms);
        cpuSamples.push(timing.cpuMs);
      }
      if (serverCpuBefore !== undefined && serverCpuAfter !== undefined)
        (measured ? serverCpuSamples : warmupServerCpuSamples).push(serverCpuAfter - serverCpuBefore);
      serverCpuBefore = serverCpuAfter;
      finalDiagnostics = timing.result.length;
    }
    return {
      mode: session.mode,
      samples,
      cpuSamples,
      serverCpuSamples: serverCpuSamples.length ? serverCpuSamples : undefined,
      warmupServerCpuSamples: warmupServerCpuSamples.length ? warmupServerCpuSamples : undefined,
      finalDiagnostics,
    };
  } finally {
    await session.dispose();
  }
}

/** The table row for an edit-latency run: p95 judged against `targetP95Ms`. */
export function editLatencyRow(measure: string, outcome: EditLatency, targetP95Ms: number): Row {
  const p95 = percentile(outcome.samples, 0.95);
  return {
    measure: `${measure} (${outcome.samples.length} edits, ${outcome.mode} diagnostics)`,
    median: median(outcome.samples),
    p95,
    cpu: median(outcome.cpuSamples),
    target: `p95 < ${targetP95Ms} ms`,
    pass: p95 < targetP95Ms,
  };
}

export interface ServerCpuTargets {
  medianMs: number;
  p95Ms: number;
}

/**
 * The table row for an edit-latency run judged on the server process's CPU
 * time per edit (median and p95), which waiting for a busy machine's cores
 * does not inflate; wall-clock figures are in the row's notes.
 */
export function serverCpuRow(measure: string, outcome: EditLatency, targets: ServerCpuTargets): Row {
  const base = `${measure} (${outcome.samples.length} edits, ${outcome.mode} diagnostics)`;
  const target = `server CPU median ≤ ${targets.medianMs} ms, p95 ≤ ${targets.p95Ms} ms`;
  const samples = outcome.serverCpuSamples;
  if (!samples) return { measure: base, target, skipped: "the server process's CPU time cannot be read here (Linux /proc only)" };
  const cpuMedian = median(samples);
  const cpuP95 = percentile(samples, 0.95);
  return {
    measure: `${base}, server process CPU per edit`,
    median: cpuMedian,
    p95: cpuP95,
    cpu: cpuMedian,
    throughput: `wall median ${formatMs(median(outcome.samples))}, p95 ${formatMs(percentile(outcome.samples, 0.95))}`,
    target,
    pass: cpuMedian <= targets.medianMs && cpuP95 <= targets.p95Ms,
  };
}
