/**
 * Which definitions are public, exactly as pydocstyle (and Ruff's D1xx rules)
 * decide it, since PL301 and PL302 promise to agree with those tools.
 */
import { hasDecorator, isOverload, type PyDefinition } from './definitions';
import type { ModuleFacts } from './moduleFacts';

/** pydocstyle's VARIADIC_MAGIC_METHODS: dunder methods that are documented like ordinary ones. */
const VARIADIC_MAGIC_METHODS = new Set(['__init__', '__call__', '__new__']);

export type DefinitionRole = 'class' | 'nested class' | 'function' | 'method' | 'magic method' | '__init__ method';

function isPrivateName(name: string): boolean {
  return name.startsWith('_') && !(name.startsWith('__') && name.endsWith('__'));
}

function isMagic(name: string): boolean {
  return name.startsWith('__') && name.endsWith('__') && name.length > 4 && !VARIADIC_MAGIC_METHODS.has(name);
}

/** The D10x category a definition falls in: D101 class, D106 nested class, D103 function, D102/D105/D107 methods. */
export function roleOf(definition: PyDefinition): DefinitionRole {
  const parent = definition.parent;
  if (definition.kind === 'class') return parent ? 'nested class' : 'class';
  if (parent?.kind !== 'class') return 'function';
  if (definition.name === '__init__') return '__init__ method';
  return isMagic(definition.name) ? 'magic method' : 'method';
}

/**
 * pydocstyle's `is_public`: module-level names by `__all__` when there is one,
 * else by a leading underscore; nested functions are private; methods and
 * nested classes are public when their class is and their own name is
 * (dunder methods count); property setters and deleters are not.
 */
export function isPublic(facts: ModuleFacts, definition: PyDefinition): boolean {
  const { parent, name } = definition;
  if (!parent) return facts.dunderAll ? facts.dunderAll.has(name) : !name.startsWith('_');
  if (parent.kind === 'function') return false;
  if (!isPublic(facts, parent)) return false;
  if (definition.kind === 'class') return !name.startsWith('_');
  if (definition.decorators.some((decorator) => decorator.startsWith(`${name}.`))) return false;
  return !name.startsWith('_') || VARIADIC_MAGIC_METHODS.has(name) || isMagic(name);
}

/** Public, and not an `@overload` signature or an `@override` whose documentation lives on the base. */
export function needsDocstring(facts: ModuleFacts, definition: PyDefinition): boolean {
  if (definition.kind === 'function' && (isOverload(definition) || hasDecorator(definition, 'override'))) return false;
  return isPublic(facts, definition);
}

/** pydocstyle's module rule: public unless its own name or a folder above it is `_private`. */
export function isPublicModule(relativePath: string): boolean {
  const segments = relativePath.split('/');
  const stem = segments[segments.length - 1]!.replace(/\.pyi?$/, '');
  return !segments.slice(0, -1).some(isPrivateName) && !isPrivateName(stem);
}
