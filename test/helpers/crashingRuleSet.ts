/**
 * A rule set for `runCheck({ rulesModule })`: every rule, plus one that
 * throws on Python files. Worker threads load rules by module path (rule
 * objects cannot cross threads), so a test of a failure inside a worker
 * names this module.
 */
import { allRules } from '../../server/src/rules';
import { crashingRule } from './crashingRule';

export const rules = [...allRules, crashingRule('PL900', ['python'], 'parser exploded')];
