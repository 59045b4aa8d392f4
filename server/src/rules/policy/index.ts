import type { AnyRule } from '../../engine/rule';
import { protectedFile } from './protected-file';

export const policyRules: AnyRule[] = [protectedFile];
