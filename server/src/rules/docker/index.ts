import type { AnyRule } from '../../engine/rule';

export const dockerRules: AnyRule[] = [];
