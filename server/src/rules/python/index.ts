import type { AnyRule } from '../../engine/rule';

export const pythonRules: AnyRule[] = [];
