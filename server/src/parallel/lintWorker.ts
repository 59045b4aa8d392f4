/**
 * A lint worker thread (see lintPool.ts): rebuilds the main thread's
 * workspace once, then lints each batch of files it is sent and answers with
 * the outcomes in the batch's order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintFileOnDisk, workspaceFromSetup, type LintRequest, type LintResponse, type WorkspaceSetup } from './lintPool';

const workspace = workspaceFromSetup(workerData as WorkspaceSetup);
parentPort!.on('message', (request: LintRequest) => {
  const response: LintResponse = { batch: request.batch, outcomes: request.paths.map((filePath) => lintFileOnDisk(workspace, filePath, request.recordReads)) };
  parentPort!.postMessage(response);
});
