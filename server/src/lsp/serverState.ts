import * as path from 'node:path';
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyRule } from '../engine/rule';
import { SourceDocument } from '../engine/sourceDocument';
import { uriToPath } from './convert';
import type { Folders } from './folders';
import type { Linter } from './linting';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';

/** What the parts of the server share: the connection, the buffers, the folders and their linter, and what the client can do. */
export class ServerState {
  capabilities: ClientCapabilities = {};
  /** The client pulls diagnostics (`textDocument/diagnostic`, `workspace/diagnostic`); otherwise the server pushes them. */
  usePull = false;
  shuttingDown = false;
  /** Resolves once the workspace folders are open: requests that arrive earlier wait for it. */
  readonly ready: Promise<void>;
  readonly markReady: () => void;
  private busy = false;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly folders: Folders,
    readonly linter: Linter,
    readonly rules: readonly AnyRule[],
  ) {
    let markReady: () => void = () => undefined;
    this.ready = new Promise<void>((resolve) => (markReady = resolve));
    this.markReady = markReady;
  }

  /**
   * Tells the client whether the server is busy (as last said, when not
   * given), how many rules the first folder enables, and the alerts.
   */
  sendStatus(busy = this.busy): void {
    this.busy = busy;
    const folder = this.folders.all()[0];
    const config = folder?.workspace.configFor(path.join(folder.root, '.plumbline.yaml'));
    const ruleCount = config ? this.rules.filter((rule) => config.severityOf(rule) !== 'off').length : this.rules.length;
    const params: StatusParams = { busy, ruleCount, alerts: this.linter.alerts };
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  /** An editor buffer as the engine sees it; undefined for buffers that are not files. */
  sourceOf(document: TextDocument): SourceDocument | undefined {
    const filePath = uriToPath(document.uri);
    return filePath ? new SourceDocument(filePath, document.getText(), document.version) : undefined;
  }
}
