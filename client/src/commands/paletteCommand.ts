import type { LanguageClient } from 'vscode-languageclient/node';

/** A command palette entry; its id is also listed in package.json `contributes.commands`. */
export interface PaletteCommand {
  id: string;
  /** The command creates or edits files or runs git: Restricted Mode disables it (package.json `enablement`). */
  writesFiles?: boolean;
  run(client: LanguageClient, ...args: unknown[]): Promise<void>;
}
