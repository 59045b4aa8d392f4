/**
 * Values computed from something the engine owns (a document's text, the
 * workspace index, one file of it), kept by key beside their source, so a
 * cache lives exactly as long as what it was computed from and needs no
 * invalidation of its own. SourceDocument and WorkspaceIndex hand their tables
 * out through their derive methods; rules and languages keep no module-level
 * caches (test/unit/caches.test.ts fails on one).
 *
 * A key belongs to one kind of entry: `get`, `getFor` and `getWhile` store
 * different things under it. Modules key by a private symbol or by a function
 * of theirs, so keys of different modules never meet.
 */
export class DerivedValues {
  private readonly values = new Map<unknown, unknown>();

  /** `compute()` once per key; later calls return the same value. */
  get<T>(key: unknown, compute: () => T): T {
    const value = this.values.get(key);
    if (value !== undefined || this.values.has(key)) return value as T;
    const computed = compute();
    this.values.set(key, computed);
    return computed;
  }

  /** The value kept for a key, without computing it: undefined when there is none (or it is undefined). */
  peek<T>(key: unknown): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  /**
   * `compute()` once per key and object that the source produced (a parsed
   * node, a service, a definition): a table per key, kept with the source
   * rather than in a WeakMap keyed by the object (see SourceDocument).
   */
  getFor<T>(owner: object, key: unknown, compute: () => T): T {
    let table = this.values.get(key) as Map<object, unknown> | undefined;
    if (!table) {
      table = new Map();
      this.values.set(key, table);
    }
    const value = table.get(owner);
    if (value !== undefined || table.has(owner)) return value as T;
    const computed = compute();
    table.set(owner, computed);
    return computed;
  }

  /**
   * The value computed for `inputs`, computed again only when they differ
   * (by identity, in order) from the inputs of the value kept: one value per
   * key, replaced rather than accumulated.
   */
  getWhile<T>(key: unknown, inputs: readonly unknown[], compute: () => T): T {
    const kept = this.values.get(key) as { inputs: readonly unknown[]; value: T } | undefined;
    if (kept && sameInputs(kept.inputs, inputs)) return kept.value;
    const value = compute();
    this.values.set(key, { inputs, value });
    return value;
  }

  clear(): void {
    this.values.clear();
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}
