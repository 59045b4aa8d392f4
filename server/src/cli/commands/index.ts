import type { CliCommand } from '../command';
import { checkCommand } from './check';

/** Every `plumbline <name>` subcommand; packs add theirs here (one import line each). */
export const cliCommands: CliCommand[] = [checkCommand];
