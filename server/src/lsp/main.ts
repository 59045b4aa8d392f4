/**
 * The language server's entry point (dist/server.js). VS Code starts it over
 * IPC (`--node-ipc`); other editors run `node dist/server.js --stdio`.
 * `createConnection` picks the transport from the command line. Imported
 * rather than run (tests, benchmarks), it only exports `startServer`.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

export { startServer };

if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  // A bug must cost one answer, never the server: log it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? reason}`));
  startServer(connection, { pool: { jobs: jobsFromArguments(process.argv) } });
}

/** `--jobs N` (or `--jobs=N`): worker threads for the workspace pass; 1 (in-process) when absent or not a whole number ≥ 1. */
function jobsFromArguments(argv: readonly string[]): number {
  const at = argv.findIndex((argument) => argument === '--jobs' || argument.startsWith('--jobs='));
  const value = at === -1 ? undefined : argv[at]!.includes('=') ? argv[at]!.slice('--jobs='.length) : argv[at + 1];
  const jobs = value !== undefined && /^\d+$/.test(value) ? Number(value) : 1;
  return jobs >= 1 ? jobs : 1;
}
