import type { AnyRule } from '../../engine/rule';
import { changelogFormat } from './format';
import { adrLinks } from './links';
import { docsLocation } from './location';
import { changelogMissing } from './missing';
import { adrStructure } from './structure';

export const markdownRules: AnyRule[] = [changelogFormat, changelogMissing, adrStructure, adrLinks, docsLocation];
