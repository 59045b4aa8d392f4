import type { AnyRule } from '../../engine/rule';
import { bareExcept } from './bare-except';
import { cliWithoutArgparse } from './cli-without-argparse';
import { hardcodedConfig } from './hardcoded-config';
import { hardcodedSecret } from './hardcoded-secret';
import { missingDocstring } from './missing-docstring';
import { missingTypeHints } from './missing-type-hints';
import { noSignalHandling } from './no-signal-handling';
import { placeholder } from './placeholder';
import { printCall } from './print-call';
import { swallowedException } from './swallowed-exception';

export const pythonRules: AnyRule[] = [
  missingDocstring,
  missingTypeHints,
  printCall,
  bareExcept,
  swallowedException,
  cliWithoutArgparse,
  hardcodedSecret,
  placeholder,
  noSignalHandling,
  hardcodedConfig,
];
