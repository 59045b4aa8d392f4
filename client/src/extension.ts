import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { paletteCommands } from './commands';
import { createStatusItem } from './status';

const LANGUAGES = ['dockerfile', 'yaml', 'dockercompose', 'python', 'markdown', 'pip-requirements', 'shellscript'];

/** Files Plumbline checks whatever language mode the editor gave them. */
const PATTERNS = [
  '**/{Dockerfile,Containerfile}{,.*}',
  '**/Dockerfile-*',
  '**/*.{Dockerfile,dockerfile}',
  '**/requirements*.txt',
  '**/requirements/*.txt',
  '**/.plumbline.{yaml,yml}',
  '**/{.env,.env.*,*.env}',
  '**/{.mcp,mcp}.json',
  '**/mcp/**/*.{json,yaml,yml,sh}',
];

type Filter = { scheme: string; language: string } | { scheme: string; pattern: string };

const DOCUMENT_SELECTOR: Filter[] = [
  ...LANGUAGES.map((language) => ({ scheme: 'file', language })),
  ...PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    // The server honours `plumbline.run`: with onSave it answers for the saved text whenever asked.
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  // The id makes `plumbline.trace.server` the trace setting.
  return new LanguageClient('plumbline', 'Plumbline', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Plumbline');
  const languageClient = createClient(context, outputChannel);
  client = languageClient;
  context.subscriptions.push(outputChannel, createStatusItem(languageClient, DOCUMENT_SELECTOR));
  for (const command of paletteCommands) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        // The palette hides these in Restricted Mode; a keybinding or another extension may still call them.
        if (command.writesFiles && vscode.workspace.isTrusted === false) {
          void vscode.window.showWarningMessage(
            'Plumbline: this command writes files and runs git, which Restricted Mode does not allow. Trust the workspace to use it.',
          );
          return;
        }
        await command.run(languageClient, ...args);
      }),
    );
  }
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
