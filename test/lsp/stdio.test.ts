import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import {
  DocumentDiagnosticRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver/node';
import { pathToUri } from '../../server/src/lsp/convert';
import { makeWorkspace, removeWorkspace } from '../helpers/workspace';

test('the server entry point speaks LSP over stdio, as other editors start it', async () => {
  const root = makeWorkspace({ '.plumbline.yaml': 'rules:\n  PL999: off\n' });
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/lsp/main.ts', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  client.listen();
  try {
    const result = await client.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToUri(root),
      workspaceFolders: [{ uri: pathToUri(root), name: 'root' }],
      capabilities: { textDocument: { diagnostic: {} } },
    });
    assert.equal(result.serverInfo?.name, 'plumbline');
    await client.sendNotification(InitializedNotification.type, {});
    const uri = pathToUri(`${root}/.plumbline.yaml`);
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: 'rules:\n  PL999: off\n' },
    });
    const report = await client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const invalidConfig = report.kind === 'full' ? report.items.filter((d) => d.code === 'PL504') : [];
    assert.deepEqual(
      invalidConfig.map((d) => d.message),
      ['Unknown rule "PL999".'],
    );
    await client.sendRequest(ShutdownRequest.type);
    const exited = once(server, 'exit');
    await client.sendNotification(ExitNotification.type);
    const [code] = await exited;
    assert.equal(code, 0);
  } finally {
    client.dispose();
    server.kill();
    removeWorkspace(root);
  }
});
