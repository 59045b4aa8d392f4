/** Where a subcommand writes; the real process in production, buffers in tests. */
export interface CliIo {
  /** Directory that relative paths on the command line and in the output are relative to. */
  cwd: string;
  /** Writes to stdout; false (as a stream's `write` says) when the reader is behind and `drained` should be awaited. */
  stdout(text: string): boolean | void;
  stderr(text: string): void;
  /** Resolves when stdout can take more, after `stdout` returned false. */
  drained?(): Promise<void>;
  /** Colour the text output (stdout is a TTY and NO_COLOR is unset); off when omitted. */
  color?: boolean;
}

/** One `plumbline <name>` subcommand, listed in commands/index.ts. */
export interface CliCommand {
  name: string;
  /** One line for `plumbline --help`. */
  summary: string;
  /** The full `plumbline <name> --help` text. */
  usage: string;
  /** Runs the subcommand with the arguments after its name; resolves to the exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit statuses every subcommand shares. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
/** A rule failed (an internal error), so the report is incomplete: never a pass. */
export const EXIT_INCOMPLETE = 2;

/** A usage or configuration error: printed on stderr, exit status 2. */
export class UsageError extends Error {}
