import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import type { IndexChange } from '../engine/workspaceIndex';
import { pathToUri, uriToPath } from './convert';
import type { DocumentDiagnostics } from './documentDiagnostics';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from './protocol';
import { serverCommands } from './serverCommands';
import type { ServerState } from './serverState';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';
import type { WorkspaceDiagnostics } from './workspaceDiagnostics';

/**
 * Initialize, initialized and shutdown; workspace folders, settings and
 * file-watcher events, which every other part sees through the folders.
 */
export function registerLifecycle(server: ServerState, workspace: WorkspaceDiagnostics, documents: DocumentDiagnostics): void {
  const { connection, folders } = server;
  let initialFolders: WorkspaceFolder[] = [];

  async function settingsFor(scopeUri: string | undefined): Promise<Settings> {
    if (!server.capabilities.workspace?.configuration) return DEFAULT_SETTINGS;
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

  connection.onInitialize((params): InitializeResult => {
    server.capabilities = params.capabilities;
    server.usePull = server.capabilities.textDocument?.diagnostic !== undefined;
    initialFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: server.usePull ? { identifier: 'plumbline', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND, ...serverCommands.map((command) => command.id)] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'plumbline' },
    };
  });

  connection.onInitialized(async () => {
    const { capabilities } = server;
    try {
      server.sendStatus(true);
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
          workspace.changed();
        });
      }
      for (const folder of initialFolders) await openFolder(folder);
    } catch (error) {
      connection.console.error(`Plumbline could not finish starting: ${(error as Error).stack ?? error}`);
    } finally {
      server.markReady();
      server.sendStatus(false);
      workspace.changed();
    }
  });

  connection.onDidChangeConfiguration(async () => {
    await server.ready;
    for (const folder of folders.all()) {
      const configured = folders.configure(folder, await settingsFor(pathToUri(folder.root)));
      connection.console.log(`Applied settings for ${configured.root}: ${JSON.stringify(configured.settings)}`);
    }
    workspace.changed();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    await server.ready;
    const indexChanges: IndexChange[] = [];
    for (const change of changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      const type = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      indexChanges.push({ type, path: filePath });
    }
    folders.applyFileChanges(indexChanges);
  });

  connection.onShutdown(() => {
    server.shuttingDown = true;
    documents.shutdown();
    workspace.shutdown();
  });
}
