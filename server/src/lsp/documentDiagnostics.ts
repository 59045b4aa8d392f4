import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './convert';
import { emptyReport, type PushedDiagnostics } from './pushedDiagnostics';
import type { ServerState } from './serverState';
import { cancelled, type WorkspaceDiagnostics } from './workspaceDiagnostics';

const NOT_CANCELLED = { isCancellationRequested: false };

/**
 * Open buffers: their text stands for the file in the index, and their
 * diagnostics are answered (`textDocument/diagnostic`) or pushed after each edit.
 */
export class DocumentDiagnostics {
  private readonly pushTimers = new Map<string, NodeJS.Immediate>();

  constructor(
    private readonly server: ServerState,
    private readonly workspace: WorkspaceDiagnostics,
    private readonly pushed: PushedDiagnostics,
  ) {}

  register(): void {
    const { documents, connection, folders, linter, ready } = this.server;
    documents.onDidChangeContent(({ document }) => void ready.then(() => this.bufferChanged(document, false)));
    documents.onDidSave(({ document }) => void ready.then(() => this.bufferChanged(document, true)));
    documents.onDidClose(
      ({ document }) =>
        void ready.then(() => {
          const filePath = uriToPath(document.uri);
          if (!filePath) return;
          folders.closeDocument(filePath);
          linter.closed(filePath);
          if (!this.server.usePull) this.schedulePush(filePath);
        }),
    );
    connection.languages.diagnostics.on(async (params, token) => {
      await ready;
      const filePath = uriToPath(params.textDocument.uri);
      if (!filePath) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const report = linter.lintFile(filePath, token, params.previousResultId);
      if (!report) throw cancelled();
      if (!report.items || params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
    });
  }

  shutdown(): void {
    for (const pending of this.pushTimers.values()) clearImmediate(pending);
  }

  private bufferChanged(document: TextDocument, saved: boolean): void {
    const source = this.server.sourceOf(document);
    if (!source) return;
    const { folders } = this.server;
    const settings = folders.folderFor(source.path).settings;
    // With `run: onSave`, diagnostics describe the saved text, so edits wait for the save.
    if (!saved && settings.run === 'onSave' && folders.openDocument(source.path)) return;
    folders.setOpenDocument(source);
    // Closed files are re-checked at save (not per keystroke) against what the buffer now says.
    if (saved) this.workspace.changed();
    if (!this.server.usePull) this.schedulePush(source.path);
  }

  private isCoveredByPush(filePath: string): boolean {
    const folder = this.server.folders.folderFor(filePath);
    if (!folder.settings.enable) return false;
    if (this.server.folders.openDocument(filePath)) return true;
    return folder.settings.scope === 'workspace' && folder.scanned && folder.workspace.index.has(filePath);
  }

  /** Pushes a file's diagnostics once the messages already received are handled, so a burst of edits lints once. */
  private schedulePush(filePath: string): void {
    const pending = this.pushTimers.get(filePath);
    if (pending) clearImmediate(pending);
    this.pushTimers.set(
      filePath,
      setImmediate(() => {
        this.pushTimers.delete(filePath);
        const report = this.isCoveredByPush(filePath) ? this.server.linter.lintFile(filePath, NOT_CANCELLED) : undefined;
        void this.pushed.publish(report ?? emptyReport(filePath), true);
      }),
    );
  }
}
