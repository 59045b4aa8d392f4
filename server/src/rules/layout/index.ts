import type { AnyRule } from '../../engine/rule';
import { dockerConfigLocation } from './docker-config-location';
import { leftoverCopy } from './leftover-copy';
import { scriptLocation } from './script-location';
import { scriptStrictMode } from './script-strict-mode';
import { singleDeployScript } from './single-deploy-script';

export const layoutRules: AnyRule[] = [scriptLocation, dockerConfigLocation, singleDeployScript, scriptStrictMode, leftoverCopy];
