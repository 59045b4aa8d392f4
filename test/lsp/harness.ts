/**
 * Runs the language server in-process over a real JSON-RPC connection (two
 * paired streams) and drives it as an editor would. Tests wait on the
 * server's messages, never on timers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  FileChangeType,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceDiagnosticRequest,
  createConnection,
  createProtocolConnection,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentEdit,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/engine/edits';
import { pathToUri } from '../../server/src/lsp/convert';
import { walkFiles } from '../../server/src/engine/fileSystem';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { startServer, type StartServerOptions } from '../../server/src/lsp/server';
import { makeWorkspace } from '../helpers/workspace';

const BASE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
  },
  window: { showDocument: { support: true } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
};

const PULL_CAPABILITY = { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } };

export interface SessionOptions {
  root: string;
  /** Announce `textDocument.diagnostic` (pull); without it the server pushes. */
  pull?: boolean;
  /** The `plumbline` settings section the client answers with. */
  settings?: Record<string, unknown>;
  server?: StartServerOptions;
}

type Waiter<T> = { accept: (value: T) => boolean; resolve: (value: T) => void };

/** Resolves waiters when a matching event arrives; remembers every event for later waiters. */
class EventLog<T> {
  readonly events: T[] = [];
  private waiters: Array<Waiter<T>> = [];

  push(event: T): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.accept(event)) return true;
      waiter.resolve(event);
      return false;
    });
  }

  /** The next event (after the `since`-th) that satisfies `accept`. */
  next(accept: (event: T) => boolean, since = this.events.length): Promise<T> {
    const earlier = this.events.slice(since).find(accept);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve) => this.waiters.push({ accept, resolve }));
  }
}

export class Session {
  readonly client: ProtocolConnection;
  readonly published = new EventLog<PublishDiagnosticsParams>();
  readonly refreshes = new EventLog<number>();
  readonly logs = new EventLog<string>();
  readonly statuses = new EventLog<StatusParams>();
  readonly shownDocuments: string[] = [];
  readonly progress: WorkspaceDocumentDiagnosticReport[][] = [];
  initializeResult!: InitializeResult;
  settings: Record<string, unknown>;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private registered!: Promise<void>;
  /** The server's ends of the paired streams. */
  private readonly serverStreams: { toServer: PassThrough; toClient: PassThrough };

  constructor(
    readonly root: string,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    this.client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.serverStreams = { toServer, toClient };
  }

  uri(relativePath: string): string {
    return pathToUri(path.join(this.root, relativePath));
  }

  async start(options: SessionOptions): Promise<void> {
    const connection = createConnection(new StreamMessageReader(this.serverStreams.toServer), new StreamMessageWriter(this.serverStreams.toClient));
    startServer(connection, options.server);
    const client = this.client;
    client.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    let watcherRegistered: () => void;
    this.registered = new Promise((resolve) => (watcherRegistered = resolve));
    client.onRequest(RegistrationRequest.type, (params) => {
      if (params.registrations.some((r) => r.method === DidChangeWatchedFilesNotification.method)) watcherRegistered();
    });
    client.onRequest(DiagnosticRefreshRequest.type, () => this.refreshes.push(this.refreshes.events.length));
    client.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    client.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.applyToDisk(params.edit);
      return { applied: true };
    });
    client.onNotification(PublishDiagnosticsNotification.type, (params) => this.published.push(params));
    client.onNotification(LogMessageNotification.type, (params) => this.logs.push(params.message));
    client.onProgress(WorkspaceDiagnosticRequest.partialResult, 'workspace-progress', (value) => {
      this.progress.push(value.items);
    });
    client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => this.statuses.push(params));
    client.listen();
    const capabilities: ClientCapabilities = { ...BASE_CAPABILITIES };
    if (options.pull) capabilities.textDocument = { ...capabilities.textDocument, ...PULL_CAPABILITY };
    this.initializeResult = await client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: pathToUri(this.root),
      workspaceFolders: [{ uri: pathToUri(this.root), name: path.basename(this.root) }],
      capabilities,
    });
    await client.sendNotification(InitializedNotification.type, {});
    await this.registered;
  }

  async open(relativePath: string, text = fs.readFileSync(path.join(this.root, relativePath), 'utf8'), languageId = 'plaintext'): Promise<void> {
    const uri = this.uri(relativePath);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends one incremental change replacing `range` (or the whole text, when no range is given). */
  async change(relativePath: string, newText: string, range?: Range): Promise<void> {
    const uri = this.uri(relativePath);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const current = this.texts.get(uri) ?? '';
    this.texts.set(uri, range ? applyEdits(current, [{ range, newText }]) : newText);
    const contentChanges = range ? [{ range, text: newText }] : [{ text: newText }];
    await this.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  async save(relativePath: string): Promise<void> {
    await this.client.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: this.uri(relativePath) } });
  }

  async close(relativePath: string): Promise<void> {
    await this.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri(relativePath) } });
  }

  text(relativePath: string): string | undefined {
    return this.texts.get(this.uri(relativePath));
  }

  pull(relativePath: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: this.uri(relativePath) }, previousResultId });
  }

  /** Pulls and insists on a full report (the first pull of a document always is one). */
  async pullFull(relativePath: string): Promise<FullDocumentDiagnosticReport> {
    const report = await this.pull(relativePath);
    if (report.kind !== 'full') throw new Error(`expected a full report for ${relativePath}`);
    return report;
  }

  workspaceDiagnostics(previousResultIds: Array<{ uri: string; value: string }> = [], partial = false, token?: CancellationToken) {
    const params = { previousResultIds, partialResultToken: partial ? 'workspace-progress' : undefined };
    return this.client.sendRequest(WorkspaceDiagnosticRequest.type, params, token);
  }

  /** The first diagnostics published for a file that satisfy `accept` (by default: for the buffer's current version). */
  async publishedFor(relativePath: string, accept?: (diagnostics: Diagnostic[], version: number | undefined) => boolean): Promise<Diagnostic[]> {
    const uri = this.uri(relativePath);
    const current = this.versions.get(uri);
    const matches = accept ?? ((_diagnostics: Diagnostic[], version: number | undefined) => version === current);
    const params = await this.published.next((event) => event.uri === uri && matches(event.diagnostics, event.version), 0);
    return params.diagnostics;
  }

  codeActions(relativePath: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: this.uri(relativePath) },
      range,
      context: { diagnostics, only },
    }) as Promise<CodeAction[]>;
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Applies a code action's edit to the open buffer as the editor would, and sends the change. */
  async applyToBuffer(relativePath: string, edit: WorkspaceEdit): Promise<string> {
    const uri = this.uri(relativePath);
    const documentEdits = (edit.documentChanges ?? []).filter((change): change is TextDocumentEdit => 'textDocument' in change);
    const own = documentEdits.filter((change) => change.textDocument.uri === uri);
    if (own.some((change) => change.textDocument.version !== null && change.textDocument.version !== this.versions.get(uri))) {
      throw new Error('edit is for another version of the buffer');
    }
    const next = applyEdits(
      this.texts.get(uri) ?? '',
      own.flatMap((change) => change.edits.filter((e) => 'range' in e)),
    );
    await this.change(relativePath, next);
    return next;
  }

  /** Changes the settings and waits until the server says it applied them. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    const applied = this.logs.next((message) => message.startsWith('Applied settings'));
    await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await applied;
  }

  /** Writes a file on disk and tells the server, as a file watcher would. */
  async writeFile(relativePath: string, content: string): Promise<void> {
    const target = path.join(this.root, relativePath);
    const existed = fs.existsSync(target);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    await this.client.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: this.uri(relativePath), type: existed ? FileChangeType.Changed : FileChangeType.Created }],
    });
  }

  async stop(): Promise<void> {
    await this.client.sendRequest(ShutdownRequest.type);
    // No `exit` notification: the server would end this (test) process.
    this.client.dispose();
    this.serverStreams.toServer.end();
    this.serverStreams.toClient.end();
  }

  private applyToDisk(edit: WorkspaceEdit): void {
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind === 'create') fs.writeFileSync(new URL(change.uri), '', { flag: 'wx' });
        continue;
      }
      const file = new URL(change.textDocument.uri);
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(
        file,
        applyEdits(
          text,
          change.edits.filter((e) => 'range' in e),
        ),
      );
    }
  }
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const session = new Session(options.root, options.settings ?? {});
  await session.start(options);
  return session;
}

/** 1-based `line:column-endLine:endColumn`, as a user reads positions. */
export function where(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

export function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${where(d.range)} ${d.message}`);
}

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'demo-platform');

/**
 * The bundled example platform (Dockerfiles, Compose files, Python,
 * requirements, changelogs, ADRs: cross-file rules and fixes of every kind)
 * plus enough scripts with a fixable finding that the workspace pass takes
 * several batches.
 */
export function exampleWorkspace(): string {
  const files: Record<string, string> = {};
  for (const relative of walkFiles(EXAMPLE)) files[relative] = fs.readFileSync(path.join(EXAMPLE, relative), 'utf8');
  for (let i = 0; i < 45; i++) files[`tools/job${i}.py`] = `"""Job ${i}."""\n\nx = ${i}  # plumbline: disable-line PL401\n`;
  return makeWorkspace(files);
}
