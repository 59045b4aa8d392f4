import type { LanguageClient } from 'vscode-languageclient/node';
import { markdownPaletteCommands } from './markdown';

/** A command palette entry; its id is also listed in package.json `contributes.commands`. */
export interface PaletteCommand {
  id: string;
  /** The command creates or edits files or runs git: Restricted Mode disables it (package.json `enablement`). */
  writesFiles?: boolean;
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
export const paletteCommands: PaletteCommand[] = [
  restartServer,
  showOutput,
  // Every changelog and ADR command creates or edits files, and adding an entry asks git for the author.
  ...markdownPaletteCommands.map((command) => ({ ...command, writesFiles: true })),
];
