import * as fs from 'node:fs';
import * as path from 'node:path';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { WorkspaceChange } from '../engine/types';
import { codeActions } from './codeActions';
import { createsExistingFile, uriToPath, workspaceChangesToDocumentChanges } from './convert';
import type { Folder } from './folders';
import { SHOW_DOCUMENTATION_COMMAND } from './protocol';
import { serverCommands, type ServerCommandContext } from './serverCommands';
import type { ServerState } from './serverState';

/** Code actions (quick fixes built on demand, suppressions, fix-all) and the commands the editor runs. */
export function registerEditorActions(server: ServerState): void {
  const { connection, documents, folders, linter } = server;

  connection.onCodeAction(async (params) => {
    await server.ready;
    const buffer = documents.get(params.textDocument.uri);
    const document = buffer && server.sourceOf(buffer);
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
        findings: () => linter.findingsWithFixes(document),
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
    await server.ready;
    const args = params.arguments ?? [];
    if (params.command === SHOW_DOCUMENTATION_COMMAND) {
      const uri = typeof args[0] === 'string' ? linter.docsUri(args[0]) : undefined;
      if (!uri) throw new ResponseError(LSPErrorCodes.RequestFailed, `No documentation page for ${String(args[0])}.`);
      if (server.capabilities.window?.showDocument?.support) return connection.window.showDocument({ uri, takeFocus: true });
      connection.console.info(`Documentation for ${String(args[0])}: ${uri}`);
      return undefined;
    }
    const command = serverCommands.find((candidate) => candidate.id === params.command);
    const folder = folderForArguments(args);
    if (!command || !folder) throw new ResponseError(LSPErrorCodes.RequestFailed, `Unknown command ${params.command}.`);
    const context: ServerCommandContext = { workspace: folder.workspace, applyChanges };
    return command.run(args, context);
  });
}
