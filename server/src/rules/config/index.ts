import type { AnyRule } from '../../engine/rule';
import { invalidConfig } from './invalid';
import { unusedSuppression } from './unused-suppression';

export const configRules: AnyRule[] = [invalidConfig, unusedSuppression];
