import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyRule } from '../engine/rule';
import { allRules } from '../rules';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { SourceDocument } from '../engine/sourceDocument';
import type { WorkspaceChange } from '../engine/types';
import type { IndexChange } from '../engine/workspaceIndex';
import { codeActions } from './codeActions';
import { createsExistingFile, pathToUri, uriToPath, workspaceChangesToDocumentChanges } from './convert';
import { Folders, type Folder } from './folders';
import { EMPTY_RESULT_ID, Linter, type FileReport } from './linting';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND, STATUS_NOTIFICATION, type StatusParams } from './protocol';
import { serverCommands, type ServerCommandContext } from './serverCommands';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';

export interface StartServerOptions {
  /** Where the bundled rule pages live; found next to the server's package by default. */
  docsRoot?: string;
  /** The rules to run; every rule by default (tests narrow it to keep scenarios independent of other packs). */
  rules?: readonly AnyRule[];
}

/** How long the server waits after the last change before asking the client to re-pull the workspace, or pushing it. */
const REFRESH_DELAY_MS = 150;
/** Files checked between yields to the event loop, so cancellations and edits get through. */
const FILES_PER_BATCH = 20;

/** Walks up from this module to the folder holding `docs/rules` (the extension root or the repository). */
function findDocsRoot(): string | undefined {
  let directory = __dirname;
  for (;;) {
    const candidate = path.join(directory, 'docs', 'rules');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

const NOT_CANCELLED = { isCancellationRequested: false };
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

/**
 * Serves Plumbline over an LSP connection: pull diagnostics (document and
 * workspace) with a push fallback, code actions, and commands. Nothing that
 * a rule does can bring it down: failures are logged and the rest is served.
 */
export function startServer(connection: Connection, options: StartServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let usePull = false;
  let initialFolders: WorkspaceFolder[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const changeWaiters = new Set<() => void>();
  let refreshTimer: NodeJS.Timeout | undefined;
  const pushTimers = new Map<string, NodeJS.Immediate>();
  const published = new Map<string, string>();
  let shuttingDown = false;

  const rules = options.rules ?? allRules;
  const folders = new Folders(
    rules,
    (_folder, changes, typing) => onIndexChange(changes, typing),
    (message) => connection.console.error(message),
  );
  const linter = new Linter(
    folders,
    options.docsRoot ?? findDocsRoot(),
    {
      info: (message) => connection.console.info(message),
      error: (message) => connection.console.error(message),
    },
    () => sendStatus(statusBusy),
  );

  function onIndexChange(changes: readonly IndexChange[], typing: boolean): void {
    for (const change of changes) if (change.type === 'deleted') linter.forget(change.path);
    // The configuration governs every file, so even its unsaved text re-checks the workspace.
    const touchesConfig = changes.some((change) => (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(change.path)));
    workspaceChanged(typing && !touchesConfig);
  }

  /** Something that can change diagnostics happened: drop the stale reports and refresh soon. */
  function workspaceChanged(typing = false): void {
    if (typing) linter.invalidateBuffers();
    else linter.invalidate();
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      // Held workspace requests wake once typing pauses, not on every keystroke.
      for (const wake of changeWaiters) wake();
      changeWaiters.clear();
      if (!usePull) void pushWorkspace();
      else if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
    }, REFRESH_DELAY_MS);
  }

  let statusBusy = false;
  function sendStatus(busy: boolean): void {
    statusBusy = busy;
    const folder = folders.all()[0];
    const config = folder?.workspace.configFor(path.join(folder.root, '.plumbline.yaml'));
    const ruleCount = config ? rules.filter((rule) => config.severityOf(rule) !== 'off').length : rules.length;
    const params: StatusParams = { busy, ruleCount, alerts: linter.alerts };
    void connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  async function settingsFor(scopeUri: string | undefined): Promise<Settings> {
    if (!capabilities.workspace?.configuration) return DEFAULT_SETTINGS;
    try {
      return parseSettings(await connection.workspace.getConfiguration({ scopeUri, section: 'plumbline' }));
    } catch (error) {
      connection.console.error(`Could not read the plumbline settings: ${(error as Error).message}`);
      return DEFAULT_SETTINGS;
    }
  }

  async function openFolder(folder: WorkspaceFolder): Promise<void> {
    const root = uriToPath(folder.uri);
    if (!root) return;
    const settings = await settingsFor(folder.uri);
    try {
      folders.open(root, settings);
    } catch (error) {
      connection.console.error(`Could not open ${root}: ${(error as Error).stack ?? error}`);
    }
  }

  function sourceOf(document: TextDocument): SourceDocument | undefined {
    const filePath = uriToPath(document.uri);
    return filePath ? new SourceDocument(filePath, document.getText(), document.version) : undefined;
  }

  // ---- Documents -------------------------------------------------------------------------------

  function bufferChanged(document: TextDocument, saved: boolean): void {
    const source = sourceOf(document);
    if (!source) return;
    const settings = folders.folderFor(source.path).settings;
    // With `run: onSave`, diagnostics describe the saved text, so edits wait for the save.
    if (!saved && settings.run === 'onSave' && folders.openDocument(source.path)) return;
    folders.setOpenDocument(source);
    // Closed files are re-checked at save (not per keystroke) against what the buffer now says.
    if (saved) workspaceChanged();
    if (!usePull) schedulePush(source.path);
  }

  documents.onDidChangeContent(({ document }) => void ready.then(() => bufferChanged(document, false)));
  documents.onDidSave(({ document }) => void ready.then(() => bufferChanged(document, true)));
  documents.onDidClose(({ document }) =>
    void ready.then(() => {
      const filePath = uriToPath(document.uri);
      if (!filePath) return;
      folders.closeDocument(filePath);
      if (!usePull) schedulePush(filePath);
    }),
  );

  // ---- Push fallback -------------------------------------------------------------------------

  function emptyReport(filePath: string): FileReport {
    return { uri: pathToUri(filePath), version: null, resultId: EMPTY_RESULT_ID, items: [] };
  }

  /**
   * Sends a file's diagnostics unless the client already has exactly these.
   * `always` is for an edited buffer: the client waits for diagnostics of its new version.
   */
  function publish(report: FileReport, always = false): void {
    if (!always && published.get(report.uri) === report.resultId) return;
    published.set(report.uri, report.resultId);
    void connection.sendDiagnostics({ uri: report.uri, version: report.version ?? undefined, diagnostics: report.items });
  }

  function isCoveredByPush(filePath: string): boolean {
    const folder = folders.folderFor(filePath);
    if (!folder.settings.enable) return false;
    if (folders.openDocument(filePath)) return true;
    return folder.settings.scope === 'workspace' && folder.scanned && folder.workspace.index.has(filePath);
  }

  /** Pushes a file's diagnostics once the messages already received are handled, so a burst of edits lints once. */
  function schedulePush(filePath: string): void {
    const pending = pushTimers.get(filePath);
    if (pending) clearImmediate(pending);
    pushTimers.set(
      filePath,
      setImmediate(() => {
        pushTimers.delete(filePath);
        const report = isCoveredByPush(filePath) ? linter.lintFile(filePath, NOT_CANCELLED) : undefined;
        publish(report ?? emptyReport(filePath), true);
      }),
    );
  }

  let pushRun = 0;
  /** Publishes every covered file whose diagnostics changed; a newer run supersedes an older one. */
  async function pushWorkspace(): Promise<void> {
    const run = ++pushRun;
    sendStatus(true);
    const paths = new Set<string>([...linter.workspaceFiles(), ...documents.all().map((d) => uriToPath(d.uri) ?? '')]);
    paths.delete('');
    const signal = { get isCancellationRequested() { return run !== pushRun; } };
    let count = 0;
    for (const filePath of paths) {
      if (++count % FILES_PER_BATCH === 0) await nextTick();
      if (signal.isCancellationRequested) return;
      const report = linter.lintFile(filePath, signal);
      if (report) publish(report);
    }
    for (const uri of published.keys()) {
      const filePath = uriToPath(uri);
      if (filePath && !paths.has(filePath)) publish(emptyReport(filePath));
    }
    sendStatus(false);
  }

  // ---- Lifecycle -----------------------------------------------------------------------------

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    usePull = capabilities.textDocument?.diagnostic !== undefined;
    initialFolders =
      params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: usePull
          ? { identifier: 'plumbline', interFileDependencies: true, workspaceDiagnostics: true }
          : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND, ...serverCommands.map((command) => command.id)] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'plumbline' },
    };
  });

  connection.onInitialized(async () => {
    try {
      sendStatus(true);
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
      }
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'plumbline' });
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
          for (const removed of event.removed) {
            const root = uriToPath(removed.uri);
            if (root) folders.close(root);
          }
          for (const added of event.added) await openFolder(added);
          workspaceChanged();
        });
      }
      for (const folder of initialFolders) await openFolder(folder);
    } catch (error) {
      connection.console.error(`Plumbline could not finish starting: ${(error as Error).stack ?? error}`);
    } finally {
      markReady();
      sendStatus(false);
      workspaceChanged();
    }
  });

  connection.onDidChangeConfiguration(async () => {
    await ready;
    for (const folder of folders.all()) {
      const configured = folders.configure(folder, await settingsFor(pathToUri(folder.root)));
      connection.console.log(`Applied settings for ${configured.root}: ${JSON.stringify(configured.settings)}`);
    }
    workspaceChanged();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    await ready;
    const indexChanges: IndexChange[] = [];
    for (const change of changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      const type = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      indexChanges.push({ type, path: filePath });
    }
    folders.applyFileChanges(indexChanges);
  });

  // ---- Pull diagnostics ----------------------------------------------------------------------

  connection.languages.diagnostics.on(async (params, token) => {
    await ready;
    const filePath = uriToPath(params.textDocument.uri);
    if (!filePath) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const report = linter.lintFile(filePath, token);
    if (!report) throw cancelled();
    if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
    await ready;
    const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
    // The library hands over the partial result token as `resultProgress` (and removes it from params).
    const streaming = resultProgress !== undefined;
    for (;;) {
      const generation = linter.currentGeneration;
      const reports = await workspaceReports(previous, token, (batch) => {
        resultProgress?.report({ items: batch });
      });
      if (!reports) throw cancelled();
      const changed = reports.some((report) => report.kind === DocumentDiagnosticReportKind.Full);
      // Nothing new: hold the request until the workspace changes, instead of answering every two seconds.
      if (!changed && previous.size > 0 && !shuttingDown) {
        if (generation === linter.currentGeneration) await waitForChange(token);
        if (token.isCancellationRequested) throw cancelled();
        continue;
      }
      return { items: streaming ? [] : reports };
    }
  });

  function waitForChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      changeWaiters.add(resolve);
      token.onCancellationRequested(() => {
        changeWaiters.delete(resolve);
        resolve();
      });
    });
  }

  async function workspaceReports(
    previous: ReadonlyMap<string, string>,
    token: CancellationToken,
    sendBatch: (batch: WorkspaceDocumentDiagnosticReport[]) => void,
  ): Promise<WorkspaceDocumentDiagnosticReport[] | undefined> {
    sendStatus(true);
    try {
      const reports: WorkspaceDocumentDiagnosticReport[] = [];
      let batch: WorkspaceDocumentDiagnosticReport[] = [];
      const covered = new Set<string>();
      const add = (report: WorkspaceDocumentDiagnosticReport) => {
        reports.push(report);
        batch.push(report);
        if (batch.length >= FILES_PER_BATCH) {
          sendBatch(batch);
          batch = [];
        }
      };
      let count = 0;
      for (const filePath of linter.workspaceFiles()) {
        if (++count % FILES_PER_BATCH === 0) await nextTick();
        if (token.isCancellationRequested) return undefined;
        const report = linter.lintFile(filePath, token);
        if (!report) return undefined;
        covered.add(report.uri);
        add(
          previous.get(report.uri) === report.resultId
            ? { kind: DocumentDiagnosticReportKind.Unchanged, uri: report.uri, version: report.version, resultId: report.resultId }
            : { kind: DocumentDiagnosticReportKind.Full, uri: report.uri, version: report.version, resultId: report.resultId, items: report.items },
        );
      }
      // Files reported before that are gone, ignored now, or out of scope: clear them once.
      for (const [uri, resultId] of previous) {
        if (covered.has(uri) || resultId === EMPTY_RESULT_ID) continue;
        add({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: EMPTY_RESULT_ID, items: [] });
      }
      if (batch.length) sendBatch(batch);
      return reports;
    } finally {
      sendStatus(false);
    }
  }

  // ---- Code actions and commands -------------------------------------------------------------

  connection.onCodeAction(async (params) => {
    await ready;
    const buffer = documents.get(params.textDocument.uri);
    const document = buffer && sourceOf(buffer);
    if (!document) return [];
    const folder = folders.folderFor(document.path);
    if (!folder.settings.enable) return [];
    try {
      return codeActions({
        uri: params.textDocument.uri,
        document,
        diagnostics: params.context.diagnostics,
        only: params.context.only,
        workspace: folder.workspace,
        fileExists: (filePath) => fs.existsSync(filePath),
        hasDocs: (code) => linter.docsUri(code) !== undefined,
      });
    } catch (error) {
      connection.console.error(`Code actions failed for ${document.path}: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  async function applyChanges(label: string, changes: WorkspaceChange[]): Promise<boolean> {
    const edit = { documentChanges: workspaceChangesToDocumentChanges(changes) };
    if (createsExistingFile(edit, (filePath) => fs.existsSync(filePath))) {
      connection.console.error(`${label}: refused, it would overwrite an existing file.`);
      return false;
    }
    const result = await connection.workspace.applyEdit({ label, edit });
    return result.applied;
  }

  function folderForArguments(args: unknown[]): Folder | undefined {
    const first = args[0];
    const filePath = typeof first === 'string' ? (first.startsWith('file:') ? uriToPath(first) : path.resolve(first)) : undefined;
    return filePath ? folders.folderFor(filePath) : folders.all()[0];
  }

  connection.onExecuteCommand(async (params) => {
    await ready;
    const args = params.arguments ?? [];
    if (params.command === SHOW_DOCUMENTATION_COMMAND) {
      const uri = typeof args[0] === 'string' ? linter.docsUri(args[0]) : undefined;
      if (!uri) throw new ResponseError(LSPErrorCodes.RequestFailed, `No documentation page for ${String(args[0])}.`);
      if (capabilities.window?.showDocument?.support) return connection.window.showDocument({ uri, takeFocus: true });
      connection.console.info(`Documentation for ${String(args[0])}: ${uri}`);
      return undefined;
    }
    const command = serverCommands.find((candidate) => candidate.id === params.command);
    const folder = folderForArguments(args);
    if (!command || !folder) throw new ResponseError(LSPErrorCodes.RequestFailed, `Unknown command ${params.command}.`);
    const context: ServerCommandContext = { workspace: folder.workspace, applyChanges };
    return command.run(args, context);
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    if (refreshTimer) clearTimeout(refreshTimer);
    for (const pending of pushTimers.values()) clearImmediate(pending);
    for (const wake of changeWaiters) wake();
  });

  documents.listen(connection);
  connection.listen();
}
