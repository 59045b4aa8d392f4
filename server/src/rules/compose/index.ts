import type { AnyRule } from '../../engine/rule';
import { composeBuildTarget } from './build-target';
import { composeHealthcheck } from './healthcheck';
import { composeNonRootUser } from './non-root-user';
import { composePinnedImage } from './pinned-image';
import { composePortConflict } from './port-conflict';
import { composePortRegistry } from './port-registry';
import { composePrivileged } from './privileged';
import { composeResourceLimits } from './resource-limits';
import { composeSchema } from './schema';
import { composeSecretInEnvironment } from './secret-in-environment';

export const composeRules: AnyRule[] = [
  composePinnedImage,
  composeNonRootUser,
  composeHealthcheck,
  composeResourceLimits,
  composePrivileged,
  composeSecretInEnvironment,
  composePortRegistry,
  composePortConflict,
  composeSchema,
  composeBuildTarget,
];
