import { markdownPaletteCommands } from './markdown';
import type { PaletteCommand } from './paletteCommand';

export type { PaletteCommand };

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
