import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyRule } from '../engine/rule';
import { allRules } from '../rules';
import { DocumentDiagnostics } from './documentDiagnostics';
import { registerEditorActions } from './editorActions';
import { Folders } from './folders';
import { registerLifecycle } from './lifecycle';
import { Linter } from './linting';
import { inProcessPass, pooledPass, type PoolSettings } from './pooledPass';
import { PushedDiagnostics } from './pushedDiagnostics';
import { ServerState } from './serverState';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';

export interface StartServerOptions {
  /** Where the bundled rule pages live; found next to the server's package by default. */
  docsRoot?: string;
  /** The rules to run; every rule by default (tests narrow it to keep scenarios independent of other packs). */
  rules?: readonly AnyRule[];
  /**
   * The workspace pass's worker pool; off (one thread) unless asked for
   * (`--jobs N` on the server's command line): measured on the bench's mixed
   * workspace, two workers doubled the server's peak RSS (about 750 MB
   * against 350–400 MB) for more total CPU. Workers run the registry's rules,
   * so a narrowed rule set keeps the pass in-process.
   */
  pool?: PoolSettings;
}

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

/**
 * Serves Plumbline over an LSP connection: pull diagnostics (document and
 * workspace) with a push fallback, code actions, and commands. Nothing that
 * a rule does can bring it down: failures are logged and the rest is served.
 */
export function startServer(connection: Connection, options: StartServerOptions = {}): void {
  const rules = options.rules ?? allRules;
  const folders = new Folders(
    rules,
    (_folder, changes, typing) => workspace.indexChanged(changes, typing),
    (message) => connection.console.error(message),
  );
  const logger = { info: (message: string) => connection.console.info(message), error: (message: string) => connection.console.error(message) };
  // The status item follows the alerts (a broken configuration, a failed rule).
  const linter = new Linter(folders, options.docsRoot ?? findDocsRoot(), logger, () => server.sendStatus());
  const documents = new TextDocuments(TextDocument);
  const server = new ServerState(connection, documents, folders, linter, rules);
  const pushed = new PushedDiagnostics(connection);
  const pool = options.pool ?? { jobs: 1 };
  const startPass = options.rules || pool.jobs < 2 ? inProcessPass(linter, folders) : pooledPass(linter, folders, pool, logger);
  const workspace = new WorkspaceDiagnostics(server, pushed, startPass);
  const documentDiagnostics = new DocumentDiagnostics(server, workspace, pushed);
  registerLifecycle(server, workspace, documentDiagnostics);
  documentDiagnostics.register();
  workspace.register();
  registerEditorActions(server);
  documents.listen(connection);
  connection.listen();
}
