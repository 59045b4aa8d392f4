import type { WorkspaceChange } from '../../engine/types';
import type { Workspace } from '../../engine/workspace';

/** What a server command gets: the workspace its arguments point into, and a safe way to change files. */
export interface ServerCommandContext {
  workspace: Workspace;
  /**
   * Applies engine changes through the client (`workspace/applyEdit`), never
   * overwriting an existing file. Resolves to whether the client applied them.
   */
  applyChanges(label: string, changes: WorkspaceChange[]): Promise<boolean>;
}

/**
 * A command that `workspace/executeCommand` dispatches. When the first
 * argument is a file URI or path, the context's workspace is the folder that
 * contains it; otherwise the first workspace folder.
 */
export interface ServerCommand {
  id: string;
  run(args: unknown[], context: ServerCommandContext): Promise<unknown>;
}
