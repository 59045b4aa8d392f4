import type { AnyRule } from '../../engine/rule';
import { dockerConfigLocation } from './docker-config-location';

export const layoutRules: AnyRule[] = [dockerConfigLocation];
