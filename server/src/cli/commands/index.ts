import type { CliCommand } from '../command';
import { adrCommand } from './adr';
import { changelogCommand } from './changelog';
import { checkCommand } from './check';

/** Every `plumbline <name>` subcommand; packs add theirs here (one import line each). */
export const cliCommands: CliCommand[] = [checkCommand, changelogCommand, adrCommand];
