import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { FakeLanguageClient, LanguageStatusSeverity, TransportKind, editor } from './fakeVscode';
import { activate } from '../../client/src/extension';

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));

describe('VS Code client activation', () => {
  let client: FakeLanguageClient;

  before(async () => {
    const context = { subscriptions: [] as unknown[], asAbsolutePath: (relative: string) => path.join('/ext', relative) };
    await activate(context as never);
    client = FakeLanguageClient.instances[0]!;
  });

  test('starts the bundled server over IPC as the "plumbline" client (so plumbline.trace.server applies)', () => {
    assert.equal(client.id, 'plumbline');
    assert.equal(client.name, 'Plumbline');
    assert.deepEqual(client.serverOptions.run, { module: '/ext/dist/server.js', transport: TransportKind.ipc });
    assert.equal(client.started, 1);
  });

  test('selects the languages it activates on, plus Dockerfiles and requirements files by name', () => {
    const selector = client.clientOptions.documentSelector;
    for (const event of manifest.activationEvents.filter((e: string) => e.startsWith('onLanguage:'))) {
      assert.ok(
        selector.some((filter) => (filter as { language?: string }).language === event.slice('onLanguage:'.length)),
        event,
      );
    }
    const patterns = selector.map((filter) => (filter as { pattern?: string }).pattern).filter(Boolean);
    assert.ok(patterns.includes('**/requirements*.txt'));
    assert.ok(patterns.includes('**/{Dockerfile,Containerfile}{,.*}'));
  });

  test('registers exactly the commands package.json contributes', () => {
    const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
    assert.deepEqual([...editor.commands.keys()].sort(), contributed);
  });

  test('Restart Server and Show Output act on the client', async () => {
    await editor.commands.get('plumbline.restartServer')!();
    assert.equal(client.restarted, 1);
    await editor.commands.get('plumbline.showOutput')!();
    assert.equal(editor.outputShown, 1);
  });

  test('the language status item shows rules, problems and busy state', () => {
    const [item] = editor.statusItems;
    assert.equal(item!.id, 'plumbline.status');
    assert.deepEqual(item!.command, { title: 'Show Output', command: 'plumbline.showOutput' });
    assert.equal(item!.text, 'Plumbline');
    assert.equal(item!.detail, '0 problems');

    client.notificationHandlers.get('plumbline/status')!({ busy: true, ruleCount: 42, alerts: [] });
    assert.equal(item!.text, 'Plumbline: 42 rules');
    assert.equal(item!.busy, true);

    editor.diagnostics = [
      ['file:///a', [{ source: 'plumbline' }, { source: 'other' }]],
      ['file:///b', [{ source: 'plumbline' }]],
    ];
    for (const listener of editor.diagnosticListeners) listener();
    assert.equal(item!.detail, '2 problems');
    assert.equal(item!.severity, LanguageStatusSeverity.Warning);

    client.notificationHandlers.get('plumbline/status')!({ busy: false, ruleCount: 42, alerts: [] });
    assert.equal(item!.busy, false);
  });

  test('the status item shows a broken configuration or a failed rule as an error until it is resolved', () => {
    const [item] = editor.statusItems;
    editor.diagnostics = [];
    const alert = '.plumbline.yaml has 2 problems (PL504); defaults apply to what it concerns';
    client.notificationHandlers.get('plumbline/status')!({ busy: false, ruleCount: 42, alerts: [alert] });
    assert.equal(item!.detail, `${alert} · 0 problems`);
    assert.equal(item!.severity, LanguageStatusSeverity.Error);

    client.notificationHandlers.get('plumbline/status')!({ busy: false, ruleCount: 42, alerts: [] });
    assert.equal(item!.detail, '0 problems');
    assert.equal(item!.severity, LanguageStatusSeverity.Information);
  });
});
