import type { XmlElement } from '../xml.js';
import { label, type Conversion, type Obj } from './context.js';
import type { Steps } from './steps.js';
import { children, CONTAINERS, isBpmn } from './tree.js';

const CHOOSING_GATEWAYS = new Set(['exclusiveGateway', 'eventBasedGateway', 'inclusiveGateway']);

/**
 * Each step's `next`: sequence flows, sub-processes entered and left, boundary events, compensation
 * handlers and message flows between pools. A choosing gateway with one way out becomes a merge.
 */
export function readFlows(c: Conversion, steps: Steps, messageFlows: readonly XmlElement[]): void {
  const next = new Map<number, Obj[]>();
  const addFlow = (from: number | undefined, to: number | undefined, extra: Obj = {}): void => {
    if (from === undefined || to === undefined) return;
    const list = next.get(from) ?? [];
    const target = steps.list[to]!['id'] as string;
    if (!list.some((f) => f['to'] === target)) list.push({ to: target, ...extra });
    next.set(from, list);
  };
  const stepsAmong = (container: XmlElement, local: string): number[] =>
    children(container, local)
      .map((e) => steps.index.get(e.attrs.get('id') ?? ''))
      .filter((i): i is number => i !== undefined);

  for (const flow of c.all.filter((e) => isBpmn(e, 'sequenceFlow'))) {
    const sourceId = flow.attrs.get('sourceRef') ?? '';
    const source = c.byId.get(sourceId);
    const to = steps.index.get(flow.attrs.get('targetRef') ?? '');
    const extra = source ? branchOf(c, source, flow) : {};
    if (source && CONTAINERS.has(source.local)) {
      for (const exit of stepsAmong(source, 'endEvent')) addFlow(exit, to, extra);
      continue;
    }
    addFlow(steps.index.get(sourceId), to, extra);
  }
  for (const node of steps.nodes) {
    const index = steps.index.get(node.attrs.get('id') ?? '');
    if (CONTAINERS.has(node.local) && node.attrs.get('triggeredByEvent') !== 'true') for (const entry of stepsAmong(node, 'startEvent')) addFlow(index, entry);
    if (node.local === 'boundaryEvent') addFlow(steps.index.get(node.attrs.get('attachedToRef') ?? ''), index);
  }
  // A compensation handler is reached from its compensation boundary event through an association.
  for (const association of c.all.filter((e) => isBpmn(e, 'association'))) {
    const source = c.byId.get(association.attrs.get('sourceRef') ?? '');
    if (source?.local === 'boundaryEvent') addFlow(steps.index.get(source.attrs.get('id') ?? ''), steps.index.get(association.attrs.get('targetRef') ?? ''));
  }
  for (const flow of messageFlows) {
    const from = steps.index.get(flow.attrs.get('sourceRef') ?? '');
    const to = steps.index.get(flow.attrs.get('targetRef') ?? '');
    if (from !== undefined && to !== undefined && steps.list[from]!['type'] !== 'end') addFlow(from, to);
  }
  steps.list.forEach((step, i) => {
    const flows = next.get(i);
    // An exclusive gateway with one way out only merges branches: it decides nothing.
    if (step['type'] === 'decision' && (flows?.length ?? 0) <= 1) {
      step['type'] = 'parallel';
      for (const f of flows ?? []) {
        delete f['when'];
        delete f['default'];
      }
      c.infer(['steps', i], 'pass-through', 'pass-through', 'a gateway that only merges branches', false);
    }
    if (!flows || step['type'] === 'end') return;
    step['next'] = flows.map((f) => (Object.keys(f).length === 1 ? f['to'] : f));
  });
}

/** A branch out of a choosing gateway: its default, or its `when` from the flow's name, its condition or the event that comes first. */
function branchOf(c: Conversion, source: XmlElement, flow: XmlElement): Obj {
  if (!CHOOSING_GATEWAYS.has(source.local)) return {};
  if (source.attrs.get('default') === flow.attrs.get('id')) return { default: true };
  const condition = children(flow, 'conditionExpression')[0]?.text.trim();
  // After an event-based gateway the branch taken is the event that happens first.
  const event = source.local === 'eventBasedGateway' ? label(c.byId.get(flow.attrs.get('targetRef') ?? '') ?? flow) : '';
  const when = label(flow) || condition || (event ? `${event} comes first` : '');
  return when ? { when } : {};
}
