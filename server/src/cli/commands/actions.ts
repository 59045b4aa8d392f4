import { relativePosix } from '../../engine/fileSystem';
import { WorkflowError, WorkflowRefusal } from '../../workflows/adr';
import { EXIT_PROBLEMS, UsageError, type CliCommand, type CliIo } from '../command';

/** A path as the user should read it: relative to where they ran the command. */
export function displayPath(io: CliIo, filePath: string): string {
  return relativePosix(io.cwd, filePath) || filePath;
}

type Action = (args: string[], io: CliIo) => number;

/**
 * A subcommand made of actions (`plumbline adr new …`): dispatches on the
 * first argument, and turns a missing or unknown action, and a workflow's
 * complaint about its input, into a usage error (exit status 2); a
 * workflow's refusal to change the files as they are exits with 1.
 */
export function actionCommand(name: string, summary: string, usage: string, actions: Record<string, Action>): CliCommand {
  const names = Object.keys(actions).map((action) => `"${action}"`);
  const choices = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
  return {
    name,
    summary,
    usage,
    async run(args, io) {
      const [action, ...rest] = args;
      const run = action === undefined ? undefined : Object.hasOwn(actions, action) ? actions[action] : undefined;
      if (!run) {
        const problem = action === undefined ? 'missing action' : `unknown action "${action}"`;
        throw new UsageError(`plumbline ${name}: ${problem}; use ${choices}. Run "plumbline ${name} --help" for usage.`);
      }
      try {
        return run(rest, io);
      } catch (error) {
        if (error instanceof WorkflowRefusal) {
          io.stderr(`plumbline ${name} ${action}: ${error.message}\n`);
          return EXIT_PROBLEMS;
        }
        if (error instanceof WorkflowError) throw new UsageError(`plumbline ${name} ${action}: ${error.message}`);
        throw error;
      }
    },
  };
}
