import type { AnyRule } from '../../engine/rule';
import { changelogFormat } from './format';

export const markdownRules: AnyRule[] = [changelogFormat];
