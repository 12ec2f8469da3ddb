/** A value written as one item or a list of them (a step's `to`, a config's `extends`), as a list. */
export function asList<T extends string>(value: T | readonly T[] | undefined): T[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

/** Adds `value` to the list kept under `key`, starting the list on first use. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
