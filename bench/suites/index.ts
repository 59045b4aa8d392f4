import type { BenchSuite } from '../lib/suite';
import { dockerfileSuite } from './dockerfile';

/** Every suite, in the order `npm run bench` runs them. */
export const suites: readonly BenchSuite[] = [dockerfileSuite];
