import { Document, isMap, isSeq, type Node } from 'yaml';
import { inFieldOrder } from '../model/step-fields.js';
import type { NodePath } from '../model/types.js';
import { pushTo } from '../util/list.js';


export interface Noted {
  path: NodePath;
  note: string;
}

/**
 * A converted model as a YAML map in pmlint's format, with a comment on each inference so a consultant
 * can check and correct it. The reader has already given every step that ends a run its flow to an
 * `end` step; the steps no run reaches and nothing follows are listed last, so the YAML rule "a step
 * without `next` flows to the next one listed" joins only them.
 */
export function renderYamlMap(data: Record<string, unknown>, inferences: readonly Noted[], source: string): string {
  const copy = structuredClone(data);
  const steps = (copy['steps'] ?? []) as Record<string, unknown>[];
  // What is still without flow is out of every run's reach; listed last, it keeps its findings.
  const stray = (s: Record<string, unknown>): boolean => s['next'] === undefined && s['type'] !== 'end';
  const order = [...steps.keys()].sort((a, b) => Number(stray(steps[a]!)) - Number(stray(steps[b]!)));
  copy['steps'] = order.map((i) => inFieldOrder(steps[i]!));
  const moved = new Map(order.map((from, to) => [from, to]));
  const notes = inferences.map(({ path, note }) => ({ path: path[0] === 'steps' && typeof path[1] === 'number' ? ['steps', moved.get(path[1]) ?? path[1], ...path.slice(2)] : path, note }));

  const doc = new Document(copy);
  doc.commentBefore =
    ` yaml-language-server: $schema=https://unpkg.com/pmlint/schemas/process-map.schema.json\n` +
    ` Converted from ${source} by pmlint convert. Comments say what was inferred from the BPMN model;\n` +
    ` check them, correct what is wrong, and maintain this map from now on.`;
  const byPath = new Map<string, string[]>();
  for (const { path, note } of notes) {
    const key = JSON.stringify(path);
    pushTo(byPath, key, note);
  }
  for (const [key, list] of byPath) {
    const path = JSON.parse(key) as (string | number)[];
    const node = doc.getIn(path, true) as Node | undefined;
    const text = list.map((n) => ` ${n}`).join('\n');
    if (node && (isMap(node) || isSeq(node))) node.commentBefore = text;
    else if (node) node.comment = text;
  }
  return doc.toString({ lineWidth: 0 });
}
