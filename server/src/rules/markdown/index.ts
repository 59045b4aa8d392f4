import type { AnyRule } from '../../engine/rule';
import { changelogFormat } from './format';
import { changelogMissing } from './missing';

export const markdownRules: AnyRule[] = [changelogFormat, changelogMissing];
