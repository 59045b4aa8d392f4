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
  startServer(connection);
}
