import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { Suggestion } from '../../src/rule.js';

/**
 * Inserts a suggested step into a map's YAML right after `suggestion.after`, as a consultant would:
 * the new step takes over the flows of the step it follows, and that step now flows into it.
 */
export function applySuggestion(text: string, suggestion: Suggestion): string {
  const doc = parseDocument(text);
  const steps = doc.get('steps');
  if (!isSeq(steps)) throw new Error('no steps list');
  const index = steps.items.findIndex((item) => isMap(item) && item.get('id') === suggestion.after);
  if (index === -1) throw new Error(`no step ${String(suggestion.after)} to insert after`);
  const after = steps.items[index] as YAMLMap;
  const step: Record<string, unknown> = { ...suggestion.step };
  if (after.has('next')) {
    step['next'] = after.get('next');
    after.set('next', suggestion.step.id);
  }
  steps.items.splice(index + 1, 0, doc.createNode(step));
  return doc.toString();
}
