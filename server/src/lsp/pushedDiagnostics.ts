import type { Connection } from 'vscode-languageserver';
import { pathToUri, uriToPath } from './convert';
import { EMPTY_RESULT_ID, type FileReport } from './linting';

/** The report that clears a file's diagnostics. */
export function emptyReport(filePath: string): FileReport {
  return { uri: pathToUri(filePath), version: null, resultId: EMPTY_RESULT_ID, items: [] };
}

/** The push fallback (clients without pull diagnostics): what each file's last published diagnostics were. */
export class PushedDiagnostics {
  private readonly published = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  /**
   * Sends a file's diagnostics unless the client already has exactly these.
   * `always` is for an edited buffer: the client waits for diagnostics of its new version.
   */
  publish(report: FileReport, always = false): Promise<void> {
    if (!report.items || (!always && this.published.get(report.uri) === report.resultId)) return Promise.resolve();
    this.published.set(report.uri, report.resultId);
    return this.connection.sendDiagnostics({ uri: report.uri, version: report.version ?? undefined, diagnostics: report.items });
  }

  /** The result id of what the client was last sent for a file. */
  readonly resultIdOf = (uri: string): string | undefined => this.published.get(uri);

  /** Clears every file published before that is not among `covered` (gone, ignored now, or out of scope). */
  clearAllBut(covered: ReadonlySet<string>): void {
    for (const uri of this.published.keys()) {
      const filePath = uriToPath(uri);
      if (filePath && !covered.has(filePath)) void this.publish(emptyReport(filePath));
    }
  }
}
