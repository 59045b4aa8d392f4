import type { AnyRule } from '../../engine/rule';
import { adrLinks } from './links';
import { adrStructure } from './structure';

export const adrRules: AnyRule[] = [adrStructure, adrLinks];
