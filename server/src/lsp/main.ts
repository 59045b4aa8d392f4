/**
 * The language server's entry point (dist/server.js). VS Code starts it over
 * IPC (`--node-ipc`); other editors run `node dist/server.js --stdio`.
 * `createConnection` picks the transport from the command line. Imported
 * rather than run (tests, benchmarks), it only exports `startServer`.
 */
import * as v8 from 'node:v8';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { jobsFromText } from '../parallel/lintPool';
import { startServer } from './server';

export { startServer };

/**
 * How far V8 lets the old generation grow past what survived its last full
 * collection: twice, instead of V8's own factor of up to four. A workspace
 * pass promoted each file's parse tree (the index then held documents
 * through WeakRefs, which keep their targets through young collections) and
 * dropped it a file later, so the heap filled with garbage before a
 * collection came: 394-444 MB peak RSS over the bench's 5,681-file
 * workspace, about 70 MB of it live. At a factor of two the same pass peaks
 * at 250-292 MB, for more collections: 28.8-34.4 s of CPU against
 * 24.7-25.5 s in runs side by side. With the index keeping only its last few
 * documents, the pass without this cap still peaked at 355-378 MB, so it
 * stays. A process-wide V8 flag, set here because editors start the server
 * as a plain `node` command.
 */
const HEAP_GROWING_PERCENT = 100;

if (require.main === module) {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
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
  return (value === undefined ? undefined : jobsFromText(value)) ?? 1;
}
