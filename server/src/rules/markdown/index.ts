import type { AnyRule } from '../../engine/rule';
import { changelogEntryRequired } from './entry-required';
import { changelogFormat } from './format';
import { adrLinks } from './links';
import { docsLocation } from './location';
import { changelogMissing } from './missing';
import { adrStructure } from './structure';

export const markdownRules: AnyRule[] = [changelogFormat, changelogMissing, changelogEntryRequired, adrStructure, adrLinks, docsLocation];
