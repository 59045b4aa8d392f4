import type { AnyRule } from '../../engine/rule';

export const layoutRules: AnyRule[] = [];
