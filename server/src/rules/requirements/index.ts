import type { AnyRule } from '../../engine/rule';
import { unpinnedRequirement } from './unpinned';

export const requirementsRules: AnyRule[] = [unpinnedRequirement];
