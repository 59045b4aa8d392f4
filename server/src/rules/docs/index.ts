import type { AnyRule } from '../../engine/rule';
import { docsLocation } from './location';

export const docsRules: AnyRule[] = [docsLocation];
