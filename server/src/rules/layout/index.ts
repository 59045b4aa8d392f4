import type { AnyRule } from '../../engine/rule';
import { dockerConfigLocation } from './docker-config-location';
import { scriptLocation } from './script-location';
import { singleDeployScript } from './single-deploy-script';

export const layoutRules: AnyRule[] = [scriptLocation, dockerConfigLocation, singleDeployScript];
