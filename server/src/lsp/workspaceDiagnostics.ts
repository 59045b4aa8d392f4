import * as path from 'node:path';
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { CONFIG_FILE_NAMES } from '../engine/config';
import type { CancellationSignal } from '../engine/types';
import type { IndexChange } from '../engine/workspaceIndex';
import { uriToPath } from './convert';
import { EMPTY_RESULT_ID, type FileReport, type KnownResultId } from './linting';
import type { PushedDiagnostics } from './pushedDiagnostics';
import type { ServerState } from './serverState';

/** How long the server waits after the last change before asking the client to re-pull the workspace, or pushing it. */
const REFRESH_DELAY_MS = 150;
/** Files checked between yields to the event loop, so cancellations and edits get through. */
const FILES_PER_BATCH = 20;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

/**
 * Lints a batch of files into their reports, in order (without items for
 * those the client already has); undefined once cancelled. The in-process
 * linter is one; a worker pool can be another.
 */
export type BatchLinter = (filePaths: readonly string[], signal: CancellationSignal, known: KnownResultId) => Promise<readonly FileReport[] | undefined>;

/** How a workspace pass lints: given every file it will ask for, the linter of its batches (in-process or pooled: see pooledPass.ts). */
export type PassLinter = (filePaths: readonly string[], signal: CancellationSignal) => BatchLinter;

/**
 * The workspace pass, shared by push and pull: lints `filePaths` a batch at
 * a time and hands each batch's reports on as soon as they exist, so the
 * client sees files as they are checked and no full report is built first.
 * Returns false when cancelled.
 */
export async function lintInBatches(
  filePaths: Iterable<string>,
  lintBatch: BatchLinter,
  signal: CancellationSignal,
  known: KnownResultId,
  onBatch: (reports: readonly FileReport[]) => void | Promise<unknown>,
): Promise<boolean> {
  let batch: string[] = [];
  const flush = async (): Promise<boolean> => {
    const reports = await lintBatch(batch, signal, known);
    batch = [];
    if (!reports) return false;
    await onBatch(reports);
    await nextTick();
    return !signal.isCancellationRequested;
  };
  for (const filePath of filePaths) {
    if (signal.isCancellationRequested) return false;
    batch.push(filePath);
    if (batch.length === FILES_PER_BATCH && !(await flush())) return false;
  }
  return batch.length === 0 || flush();
}

/**
 * Diagnostics of the whole workspace: `workspace/diagnostic` for clients
 * that pull, published notifications for those that do not; and the
 * refresh that follows any change.
 */
export class WorkspaceDiagnostics {
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly changeWaiters = new Set<() => void>();
  private pushRun = 0;

  constructor(
    private readonly server: ServerState,
    private readonly pushed: PushedDiagnostics,
    /** How each pass lints (in-process, or on the worker pool: see pooledPass.ts). */
    private readonly startPass: PassLinter,
  ) {}

  register(): void {
    this.server.connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
      await this.server.ready;
      const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
      // The library hands over the partial result token as `resultProgress` (and removes it from params).
      const stream = resultProgress && ((batch: WorkspaceDocumentDiagnosticReport[]) => resultProgress.report({ items: batch }));
      for (;;) {
        const generation = this.server.linter.currentGeneration;
        const pass = await this.pullPass(previous, token, stream);
        if (!pass) throw cancelled();
        // Nothing new: hold the request until the workspace changes, instead of answering every two seconds.
        if (!pass.changed && previous.size > 0 && !this.server.shuttingDown) {
          if (generation === this.server.linter.currentGeneration) await this.waitForChange(token);
          if (token.isCancellationRequested) throw cancelled();
          continue;
        }
        return { items: pass.reports };
      }
    });
  }

  /** The index of a folder changed: drop what it makes stale and refresh. */
  indexChanged(changes: readonly IndexChange[], typing: boolean): void {
    for (const change of changes) if (change.type === 'deleted') this.server.linter.forget(change.path);
    // The configuration governs every file, so even its unsaved text re-checks the workspace.
    const touchesConfig = changes.some((change) => (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(change.path)));
    this.changed(typing && !touchesConfig);
  }

  /** Something that can change diagnostics happened: drop the stale reports and refresh soon. */
  changed(typing = false): void {
    const { linter, connection } = this.server;
    if (typing) linter.invalidateBuffers();
    else linter.invalidate();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      // Held workspace requests wake once typing pauses, not on every keystroke.
      for (const wake of this.changeWaiters) wake();
      this.changeWaiters.clear();
      if (!this.server.usePull) void this.push();
      else if (this.server.capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
    }, REFRESH_DELAY_MS);
  }

  shutdown(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const wake of this.changeWaiters) wake();
  }

  /** Publishes every covered file whose diagnostics changed; a newer run supersedes an older one. */
  private async push(): Promise<void> {
    const run = ++this.pushRun;
    this.server.sendStatus(true);
    const paths = new Set<string>(this.server.linter.workspaceFiles());
    for (const document of this.server.documents.all()) {
      const filePath = uriToPath(document.uri);
      if (filePath) paths.add(filePath);
    }
    const superseded = () => run !== this.pushRun;
    const signal: CancellationSignal = {
      get isCancellationRequested() {
        return superseded();
      },
    };
    // Waiting until a batch is written keeps the reports a slower client has not read from piling up in the server.
    const completed = await lintInBatches(paths, this.startPass([...paths], signal), signal, this.pushed.resultIdOf, (reports) =>
      Promise.all(reports.map((report) => this.pushed.publish(report))),
    );
    if (!completed) return;
    this.pushed.clearAllBut(paths);
    this.server.sendStatus(false);
  }

  /**
   * One pass for `workspace/diagnostic`: each file's report, `unchanged`
   * when the client has its result id. Streamed reports go to `stream` and
   * are not kept; without a stream they are returned. Undefined when cancelled.
   */
  private async pullPass(
    previous: ReadonlyMap<string, string>,
    token: CancellationToken,
    stream: ((batch: WorkspaceDocumentDiagnosticReport[]) => void) | undefined,
  ): Promise<{ changed: boolean; reports: WorkspaceDocumentDiagnosticReport[] } | undefined> {
    this.server.sendStatus(true);
    try {
      const reports: WorkspaceDocumentDiagnosticReport[] = [];
      let changed = false;
      const send = (batch: WorkspaceDocumentDiagnosticReport[]) => {
        if (batch.some((report) => report.kind === DocumentDiagnosticReportKind.Full)) changed = true;
        if (stream) stream(batch);
        else reports.push(...batch);
      };
      const covered = new Set<string>();
      const known = (uri: string) => previous.get(uri);
      const filePaths = [...this.server.linter.workspaceFiles()];
      const completed = await lintInBatches(filePaths, this.startPass(filePaths, token), token, known, (fileReports) => {
        send(
          fileReports.map(({ uri, version, resultId, items }) => {
            covered.add(uri);
            return !items || previous.get(uri) === resultId
              ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId }
              : { kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items };
          }),
        );
      });
      if (!completed) return undefined;
      // Files reported before that are gone, ignored now, or out of scope: clear them once.
      const cleared: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [uri, resultId] of previous) {
        if (covered.has(uri) || resultId === EMPTY_RESULT_ID) continue;
        cleared.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: EMPTY_RESULT_ID, items: [] });
      }
      if (cleared.length) send(cleared);
      return { changed, reports };
    } finally {
      this.server.sendStatus(false);
    }
  }

  private waitForChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      this.changeWaiters.add(resolve);
      token.onCancellationRequested(() => {
        this.changeWaiters.delete(resolve);
        resolve();
      });
    });
  }
}
