import type { LanguageClient } from 'vscode-languageclient/node';
import { markdownPaletteCommands } from './markdown';

/** A command palette entry; its id is also listed in package.json `contributes.commands`. */
export interface PaletteCommand {
  id: string;
  run(client: LanguageClient, ...args: unknown[]): Promise<void>;
}

const restartServer: PaletteCommand = {
  id: 'plumbline.restartServer',
  run: (client) => client.restart(),
};

const showOutput: PaletteCommand = {
  id: 'plumbline.showOutput',
  run: async (client) => client.outputChannel.show(true),
};

/** Rule packs add a module and one entry here. */
export const paletteCommands: PaletteCommand[] = [restartServer, showOutput, ...markdownPaletteCommands];
