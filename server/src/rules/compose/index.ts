import type { AnyRule } from '../../engine/rule';

export const composeRules: AnyRule[] = [];
