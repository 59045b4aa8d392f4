import { SourceDocument } from '../../server/src/engine/sourceDocument';
import type { Range } from '../../server/src/engine/types';
import { startLspSession, type DiagnosticsMode } from './lspSession';
import { median, percentile } from './stats';
import type { Row } from './report';

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
}

export interface EditLatency {
  mode: DiagnosticsMode;
  samples: number[];
  cpuSamples: number[];
  /** Diagnostics of the last version, to show the server did real work. */
  finalDiagnostics: number;
}

/** Types `measuredEdits` scripted edits into an open document and times each didChange → diagnostics of that version. */
export async function measureEditLatency(options: EditLatencyOptions): Promise<EditLatency> {
  const session = await startLspSession(options.rootDir);
  try {
    await session.open(options.filePath, options.languageId, options.text);
    let document = new SourceDocument(options.filePath, options.text, 1);
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    let finalDiagnostics = 0;
    const total = options.warmupEdits + options.measuredEdits;
    for (let step = 0; step < total; step++) {
      const edit = options.script(step, document);
      const version = (document.version ?? 1) + 1;
      const text = document.text.slice(0, document.offsetAt(edit.range.start)) + edit.text + document.text.slice(document.offsetAt(edit.range.end));
      document = new SourceDocument(options.filePath, text, version);
      const timing = await session.change(options.filePath, version, [{ range: edit.range, text: edit.text }]);
      if (step >= options.warmupEdits) {
        samples.push(timing.ms);
        cpuSamples.push(timing.cpuMs);
      }
      finalDiagnostics = timing.result.length;
    }
    return { mode: session.mode, samples, cpuSamples, finalDiagnostics };
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
