import type { AnyRule } from '../../engine/rule';
import { changelogEntryRequired } from './entry-required';
import { changelogFormat } from './format';
import { changelogMissing } from './missing';

export const changelogRules: AnyRule[] = [changelogFormat, changelogMissing, changelogEntryRequired];
