/** Reading the plain data of a map that may break the format: each helper gives undefined for what does not fit. */
export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Text, or a number written where text is meant (`target: 95`). */
export function text(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export function oneOf<T extends string>(v: unknown, allowed: ReadonlySet<string>): T | undefined {
  return typeof v === 'string' && allowed.has(v) ? (v as T) : undefined;
}
