import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';

const SOURCE = 'plumbline';

/** Counts Plumbline's problems across the workspace, as the Problems panel shows them. */
function problemCount(): number {
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) if (diagnostic.source === SOURCE) count++;
  }
  return count;
}

/**
 * The language status item: how many rules run, how many problems they
 * found, whether the server is busy, and (as an error) what the user must
 * know: a configuration with problems, a rule that failed. The details are
 * in the output channel, which the item opens.
 */
export function createStatusItem(client: LanguageClient, selector: vscode.DocumentSelector): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('plumbline.status', selector);
  item.name = 'Plumbline';
  item.command = { title: 'Show Output', command: 'plumbline.showOutput' };
  let ruleCount: number | undefined;
  let alerts: readonly string[] = [];

  const render = () => {
    const problems = problemCount();
    item.text = ruleCount === undefined ? 'Plumbline' : `Plumbline: ${ruleCount} rules`;
    item.detail = [...alerts, `${problems} ${problems === 1 ? 'problem' : 'problems'}`].join(' · ');
    item.severity =
      alerts.length > 0
        ? vscode.LanguageStatusSeverity.Error
        : problems > 0
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  };
  render();

  const onStatus = client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
    ruleCount = params.ruleCount;
    alerts = params.alerts;
    item.busy = params.busy;
    render();
  });
  const onDiagnostics = vscode.languages.onDidChangeDiagnostics(render);
  return vscode.Disposable.from(item, onStatus, onDiagnostics);
}
