import { Document, isMap, isSeq, type Node } from 'yaml';
import type { NodePath } from '../model/types.js';

const STEP_ORDER = ['id', 'name', 'type', 'actor', 'automated', 'channel', 'to', 'with', 'reads', 'writes', 'offers', 'shares', 'stage', 'trigger', 'next'];

/** A step's fields in the order docs/format.md lists them. */
function ordered(step: Record<string, unknown>): Record<string, unknown> {
  const rank = (k: string): number => (STEP_ORDER.includes(k) ? STEP_ORDER.indexOf(k) : STEP_ORDER.length);
  return Object.fromEntries(Object.entries(step).sort(([a], [b]) => rank(a) - rank(b)));
}

export interface Noted {
  path: NodePath;
  note: string;
}

/**
 * A converted model as a YAML map in pmlint's format, with a comment on each inference so a consultant
 * can check and correct it. Steps with no outgoing flow that are not the last step get an explicit `end`
 * after them, since in YAML a step without `next` flows to the one listed after it.
 */
export function renderYamlMap(data: Record<string, unknown>, inferences: readonly Noted[], source: string): string {
  const copy = structuredClone(data);
  const steps = (copy['steps'] ?? []) as Record<string, unknown>[];
  const notes = [...inferences];
  const added: Record<string, unknown>[] = [];
  const ids = new Set(steps.map((s) => s['id'] as string));
  steps.forEach((step, i) => {
    if (step['next'] !== undefined || step['type'] === 'end' || i === steps.length - 1) return;
    let id = `${step['id'] as string}-ends`;
    for (let n = 2; ids.has(id); n++) id = `${step['id'] as string}-ends-${n}`;
    ids.add(id);
    step['next'] = id;
    added.push({ id, type: 'end' });
    notes.push({ path: ['steps', steps.length + added.length - 1], note: `added: in the BPMN model the flow stops after \`${step['id'] as string}\`` });
  });
  copy['steps'] = [...steps, ...added].map(ordered);

  const doc = new Document(copy);
  doc.commentBefore =
    ` yaml-language-server: $schema=https://unpkg.com/pmlint/schemas/process-map.schema.json\n` +
    ` Converted from ${source} by pmlint convert. Comments say what was inferred from the BPMN model;\n` +
    ` check them, correct what is wrong, and maintain this map from now on.`;
  const byPath = new Map<string, string[]>();
  for (const { path, note } of notes) {
    const key = JSON.stringify(path);
    byPath.set(key, [...(byPath.get(key) ?? []), note]);
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
