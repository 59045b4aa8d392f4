import type { BenchSuite } from '../lib/suite';
import { cacheSuite } from './cache';
import { cliSuite } from './cli';
import { composeSuite } from './compose';
import { dockerfileSuite } from './dockerfile';
import { jobsSuite } from './jobs';
import { hostileSuite } from './hostile';
import { markdownSuite } from './markdown';
import { lspSuite } from './lsp';
import { pythonSuite } from './python';

/** Every suite, in the order `npm run bench` runs them. */
export const suites: readonly BenchSuite[] = [
  dockerfileSuite,
  composeSuite,
  pythonSuite,
  markdownSuite,
  cliSuite,
  cacheSuite,
  jobsSuite,
  lspSuite,
  hostileSuite,
];
