/** Small helpers for messages written for people. */

export function code(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return '`' + (text === undefined ? String(value) : text) + '`';
}

export function listOf(values: readonly unknown[], joiner = 'or'): string {
  const shown = values.map((v) => String(v));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${joiner} ${shown[shown.length - 1]}`;
}

export function kindOfValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : `\`${Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf'}\`, which is no number a map can use`;
  if (typeof value === 'boolean') return `\`${value}\``;
  return `the text ${code(value)}`;
}

/**
 * What was thrown, in words, whatever it is: an Error's message, or a value's text. Never throws
 * itself (an object without a prototype has no toString, a getter may throw, a Proxy may refuse).
 */
export function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return typeof thrown.message === 'string' && thrown.message !== '' ? thrown.message : thrown.name;
    if (typeof thrown === 'string') return thrown;
    if (typeof thrown === 'object' && thrown !== null) {
      const message = (thrown as { message?: unknown }).message;
      if (typeof message === 'string') return message;
      return JSON.stringify(thrown) ?? Object.prototype.toString.call(thrown);
    }
    return String(thrown);
  } catch {
    return 'a value that cannot be shown';
  }
}
