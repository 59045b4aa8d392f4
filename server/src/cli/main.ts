import { once } from 'node:events';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './command';
import { cliCommands } from './commands';
import { parsedKinds } from '../languages';
import { allRules } from '../rules';
import { packageInfo, rulesIndexPath } from './packageInfo';

export type { CliCommand, CliIo } from './command';

function generalHelp(): string {
  const width = Math.max(...cliCommands.map((command) => command.name.length));
  const commands = cliCommands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  const codes = `${allRules[0]!.meta.code}…${allRules[allRules.length - 1]!.meta.code}`;
  return `Usage: plumbline <command> [options]

Plumbline checks Dockerfiles, Compose files, Python scripts and Markdown
against your team's engineering policy (rules ${codes}).

Commands:
${commands}

Options:
  -h, --help     Show this help; "plumbline <command> --help" explains a command
  -v, --version  Print the version

Configuration lives in .plumbline.yaml at the workspace root.
Every rule is explained in ${rulesIndexPath()}
Example: plumbline check --format json .
`;
}

const wantsHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

/** Runs one command line (the arguments after `plumbline`) and resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(generalHelp());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? cliCommands.find((command) => command.name === args[0]) : undefined;
    io.stdout(topic ? topic.usage : generalHelp());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageInfo().version}\n`);
    return EXIT_OK;
  }
  const command = cliCommands.find((candidate) => candidate.name === name);
  if (!command) {
    const known = cliCommands.map((candidate) => candidate.name).join(', ');
    io.stderr(`plumbline: unknown command "${name}" (commands: ${known}). Run "plumbline --help" for usage.\n`);
    return EXIT_USAGE;
  }
  if (wantsHelp(args)) {
    io.stdout(command.usage);
    return EXIT_OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`plumbline ${name}: internal error, please report it:\n${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}

/** The command the process entry point ran (its first argument, as given). */
let commandRun: string | undefined;

/**
 * What this process ran: the command and the file kinds it parsed. A run that
 * covers something its V8 code cache did not stores the cache again
 * (bin/plumbline.js), so the cache holds the compiled code of every kind of run.
 */
export function codeCacheCoverage(): string[] {
  return [`command:${commandRun ?? ''}`, ...[...parsedKinds()].map((kind) => `kind:${kind}`)];
}

/** The process entry point: real stdout/stderr, colour only on a terminal without NO_COLOR. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  commandRun = argv[0];
  const io: CliIo = {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    drained: () => once(process.stdout, 'drain').then(() => undefined),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
  // A reader that stops early (`| head`) closes the pipe; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  // exitCode rather than exit(): a large report piped to another program must be flushed first.
  process.exitCode = await runCli(argv, io);
}

if (require.main === module) void main();
