/**
 * Keeps `value` as the newest entry of a Map used as a short recency list (a
 * Map iterates in insertion order) and drops the oldest past `limit`: the
 * last parse and lint of each open buffer, the documents read from disk last.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
}

/** Appends `value` to the group of `key`, in place (copying the group on each add made a large group quadratic). */
export function addToGroup<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}
