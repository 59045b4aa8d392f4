import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  createMessageConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/server';
import { processCpuMs, spawnServer } from './serverProcess';
import { timedAsync, type Timing } from './stats';

/** How the server delivers diagnostics: answered requests (pull), or notifications it pushes. */
export type DiagnosticsMode = 'pull' | 'push';

export interface LspSession {
  readonly mode: DiagnosticsMode;
  open(filePath: string, languageId: string, text: string): Promise<Diagnostic[]>;
  /** Sends one didChange and returns the diagnostics of that version with the milliseconds they took. */
  change(filePath: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<Timing<Diagnostic[]>>;
  /** CPU milliseconds the server process has used so far, when it runs in a process of its own on Linux. */
  serverCpuMs?(): number | undefined;
  dispose(): Promise<void>;
}

interface Transport {
  reader: StreamMessageReader;
  writer: StreamMessageWriter;
  serverCpuMs?(): number | undefined;
  dispose(): void;
}

const PUSH_TIMEOUT_MS = 10_000;

/**
 * Runs the real language server in this process, talking JSON-RPC to it over
 * a pair of in-memory streams, as an editor would over IPC.
 */
export function startLspSession(rootDir: string): Promise<LspSession> {
  const clientToServer = new PassThrough();
  const serverToClient = new PassThrough();
  // Readers and writers (not raw streams) keep the library from calling process.exit when a stream ends.
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(clientToServer), new StreamMessageWriter(serverToClient));
  startServer(serverConnection);
  return connectClient(rootDir, {
    reader: new StreamMessageReader(serverToClient),
    writer: new StreamMessageWriter(clientToServer),
    dispose() {
      serverConnection.dispose();
      clientToServer.end();
      serverToClient.end();
    },
  });
}

/**
 * Runs a server bundle (see `bundleServer`) as a process of its own over
 * stdio, as editors other than VS Code do, so its CPU time can be read apart
 * from the client's.
 */
export function startLspProcessSession(rootDir: string, serverBundle: string): Promise<LspSession> {
  const child = spawnServer(serverBundle);
  return connectClient(rootDir, {
    reader: new StreamMessageReader(child.stdout!),
    writer: new StreamMessageWriter(child.stdin!),
    serverCpuMs: () => (child.pid === undefined ? undefined : processCpuMs(child.pid)),
    dispose() {
      child.stdin!.end();
      child.kill();
    },
  });
}

async function connectClient(rootDir: string, transport: Transport): Promise<LspSession> {
  const client: MessageConnection = createMessageConnection(transport.reader, transport.writer);

  const pushWaiters: Array<{ uri: string; version: number; resolve(diagnostics: Diagnostic[]): void }> = [];
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    for (let i = pushWaiters.length - 1; i >= 0; i--) {
      const waiter = pushWaiters[i]!;
      if (waiter.uri !== params.uri || (params.version !== undefined && params.version < waiter.version)) continue;
      pushWaiters.splice(i, 1);
      waiter.resolve(params.diagnostics);
    }
  });
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  // Capability registrations, progress tokens and refresh requests only need an answer.
  client.onRequest(() => null);
  client.onNotification(() => undefined);
  client.listen();

  const rootUri = pathToFileURL(rootDir).href;
  const initialize = (await client.sendRequest('initialize', {
    processId: null,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(rootDir) }],
    capabilities: {
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        codeAction: { dynamicRegistration: false },
      },
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: false } },
    },
  })) as InitializeResult;
  await client.sendNotification('initialized', {});
  const mode: DiagnosticsMode = initialize.capabilities.diagnosticProvider ? 'pull' : 'push';

  const uriOf = (filePath: string) => pathToFileURL(filePath).href;
  // As VS Code's client pulls: with the result id of what it shows, so an unchanged report costs no items.
  const shown = new Map<string, { resultId: string; items: Diagnostic[] }>();
  const pull = async (uri: string): Promise<Diagnostic[]> => {
    const previousResultId = shown.get(uri)?.resultId;
    const report = (await client.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId })) as DocumentDiagnosticReport;
    if (report.kind === 'unchanged') return shown.get(uri)?.items ?? [];
    if (report.resultId) shown.set(uri, { resultId: report.resultId, items: report.items });
    return report.items;
  };
  const pushed = (uri: string, version: number) =>
    new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} version ${version} within ${PUSH_TIMEOUT_MS} ms`)), PUSH_TIMEOUT_MS);
      pushWaiters.push({ uri, version, resolve: (diagnostics) => (clearTimeout(timer), resolve(diagnostics)) });
    });
  const diagnosticsAfter = (uri: string, version: number, send: () => Promise<void>) => {
    if (mode === 'pull') return send().then(() => pull(uri));
    const waiting = pushed(uri, version);
    return send().then(() => waiting);
  };

  return {
    mode,
    open(filePath, languageId, text) {
      const uri = uriOf(filePath);
      return diagnosticsAfter(uri, 1, () => client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } }));
    },
    change(filePath, version, changes) {
      const uri = uriOf(filePath);
      return timedAsync(() =>
        diagnosticsAfter(uri, version, () => client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes })),
      );
    },
    serverCpuMs: transport.serverCpuMs,
    async dispose() {
      await client.sendRequest('shutdown');
      client.dispose();
      transport.dispose();
    },
  };
}
