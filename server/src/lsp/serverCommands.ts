import { markdownServerCommands } from './commands/markdown';
import type { ServerCommand } from './commands/serverCommand';

export type { ServerCommand, ServerCommandContext } from './commands/serverCommand';

/** Rule packs append their commands here, one import line each. */
export const serverCommands: ServerCommand[] = [...markdownServerCommands];
