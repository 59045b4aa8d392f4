import type { AnyRule } from '../../engine/rule';
import { buildContextLeak } from './build-context-leak';
import { execForm } from './exec-form';
import { hardening } from './hardening';
import { healthcheck } from './healthcheck';
import { multiStage } from './multi-stage';
import { nonRootUser } from './non-root-user';
import { pinnedBaseImage } from './pinned-base-image';
import { pinnedPackages } from './pinned-packages';
import { secretInBuildConfig } from './secret-in-build-config';

export const dockerRules: AnyRule[] = [
  nonRootUser,
  pinnedBaseImage,
  healthcheck,
  multiStage,
  secretInBuildConfig,
  execForm,
  pinnedPackages,
  hardening,
  buildContextLeak,
];
