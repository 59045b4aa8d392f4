import type { AnyRule } from '../../engine/rule';
import { missingDocstring } from './missing-docstring';
import { missingTypeHints } from './missing-type-hints';
import { printCall } from './print-call';

export const pythonRules: AnyRule[] = [missingDocstring, missingTypeHints, printCall];
