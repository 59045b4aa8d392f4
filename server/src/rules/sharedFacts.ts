import type { FactProvider } from '../engine/workspaceIndex';
import { composeEnvFilesFacts } from './compose/support/envFiles';
import { publishedPortsFacts } from './compose/support/ports';
import { gitIgnoreSecretsFacts } from './docker/build-context-leak';
import { composeBuildsFacts } from './docker/support/composeBuilds';
import { contentHashFacts } from './layout/leftover-copy';
import { shellScriptFacts } from './layout/script-strict-mode';
import { declaredEntryPointsFacts, imageSourcesFacts } from './layout/support/productFiles';
import { composeRunsFacts } from './support/composeRuns';

/**
 * Facts that rules read over the whole workspace (`index.facts`) and that are
 * plain data: a worker pool extracts them once on the main thread and seeds
 * each worker's index with them. Without that, every worker extracted all of
 * them again, parsing every Compose file and Dockerfile of the workspace
 * whichever files it linted (about a tenth of a run's CPU per extra worker on
 * the bench's mixed workspace, and the heap to hold it).
 */
export const sharedFactProviders: ReadonlyArray<FactProvider<unknown>> = [
  composeRunsFacts,
  composeBuildsFacts,
  imageSourcesFacts,
  declaredEntryPointsFacts,
  shellScriptFacts,
  contentHashFacts,
  composeEnvFilesFacts,
  gitIgnoreSecretsFacts,
  publishedPortsFacts,
];
