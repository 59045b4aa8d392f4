import type { AnyRule } from '../../engine/rule';
import { invalidConfig } from './invalid-config';
import { unusedSuppression } from './unused-suppression';

export const configRules: AnyRule[] = [invalidConfig, unusedSuppression];
