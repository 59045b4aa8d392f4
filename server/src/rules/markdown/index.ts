import type { AnyRule } from '../../engine/rule';

export const markdownRules: AnyRule[] = [];
