import { pushTo } from '../../util/list.js';
import type { XmlElement } from '../xml.js';
import { label, readableName, type Conversion, type Obj } from './context.js';
import type { Steps } from './steps.js';
import { children, CONTAINERS, eventKinds, isBpmn, pmlintAttr } from './tree.js';

const CHOOSING_GATEWAYS = new Set(['exclusiveGateway', 'eventBasedGateway', 'inclusiveGateway', 'complexGateway']);
/** End events that leave a sub-process through a boundary event rather than along its outgoing flow. */
const THROWN = new Set(['error', 'escalation', 'cancel']);

/**
 * Each step's `next`, as BPMN's execution semantics (chapter 13 of the spec) run the model:
 * sequence flows; sub-processes entered at their start events (or, without one, at every element no
 * flow enters) and left, once their flow ends, along their outgoing flow; error, escalation and cancel
 * ends caught by the boundary event that matches them; boundary events; link events paired by name;
 * compensation handlers. Message flows are messages between pools, never paths. A process with no
 * start event gets one (BPMN starts every element no flow enters), and every path that stops
 * without an end event gets one (an implicit end), so the map says the same in YAML.
 */
export function readFlows(c: Conversion, steps: Steps): void {
  const flows = new FlowSet(steps);
  const outgoing = new Map<string, XmlElement[]>();
  const entered = new Set<string>();
  for (const flow of c.all.filter((e) => isBpmn(e, 'sequenceFlow'))) {
    pushTo(outgoing, flow.attrs.get('sourceRef') ?? '', flow);
    entered.add(flow.attrs.get('targetRef') ?? '');
  }
  const idOf = (e: XmlElement): string => e.attrs.get('id') ?? '';
  const inner = new Map<XmlElement, XmlElement[]>();
  for (const node of steps.nodes) if (node.parent) pushTo(inner, node.parent, node);
  const hasInner = (e: XmlElement): boolean => CONTAINERS.has(e.local) && (inner.get(e)?.length ?? 0) > 0;

  for (const [source, list] of outgoing) {
    const from = c.byId.get(source);
    if (!from || hasInner(from)) continue; // a sub-process leaves from inside (below)
    for (const flow of list) flows.add(steps.index.get(source), steps.index.get(flow.attrs.get('targetRef') ?? ''), branchOf(c, from, flow));
  }

  const boundaries = new Map<string, XmlElement[]>();
  for (const node of steps.nodes.filter((n) => n.local === 'boundaryEvent')) {
    const host = node.attrs.get('attachedToRef') ?? '';
    pushTo(boundaries, host, node);
    // A compensation boundary event is no way out of the activity: compensation undoes it later, outside the run's flow.
    if (eventKinds(node).includes('compensate')) continue;
    // An interrupting boundary event ends the activity instead of its normal flow: a choice, the event's branch
    // taken when it comes first. A non-interrupting one runs beside it.
    const interrupting = node.attrs.get('cancelActivity') !== 'false';
    flows.add(steps.index.get(host), steps.index.get(idOf(node)), interrupting ? { when: firstEvent(node) } : {});
  }
  const caught = catchErrors(steps, flows, boundaries);

  // Where the flow inside a scope begins: its start events, else every element no sequence flow enters.
  const beginnings = (scope: XmlElement): XmlElement[] => {
    const nodes = inner.get(scope) ?? [];
    const starts = nodes.filter((n) => n.local === 'startEvent');
    if (starts.length > 0) return starts;
    return nodes.filter((n) => !entered.has(idOf(n)) && n.local !== 'boundaryEvent' && n.attrs.get('isForCompensation') !== 'true' && !isLink(n, 'intermediateCatchEvent'));
  };
  // Where a finished sub-process's flow goes: its outgoing flows, or, without any, those of the sub-process around it.
  const afterwards = (container: XmlElement): number[] => {
    let scope: XmlElement | undefined = container;
    while (scope && !outgoing.has(idOf(scope)) && scope.parent && CONTAINERS.has(scope.parent.local) && scope.parent.attrs.get('triggeredByEvent') !== 'true') scope = scope.parent;
    return (outgoing.get(scope ? idOf(scope) : '') ?? []).map((f) => steps.index.get(f.attrs.get('targetRef') ?? '')).filter((i): i is number => i !== undefined);
  };

  for (const container of steps.nodes.filter(hasInner)) {
    const index = steps.index.get(idOf(container))!;
    const name = readableName(container);
    const entries = beginnings(container);
    for (const entry of entries) {
      flows.add(index, steps.index.get(idOf(entry)));
      if (entry.local === 'startEvent') steps.through.set(steps.index.get(idOf(entry))!, `the start of the sub-process '${name}', entered from it`);
    }
    if (container.local === 'adHocSubProcess' && entries.length > 1) flows.choose(index, entries.map((e) => `'${readableName(e)}' is chosen`));
    else steps.through.set(index, `the sub-process '${name}', flattened into its steps`);
    const targets = afterwards(container);
    for (const exit of (inner.get(container) ?? []).filter((n) => isExit(n, outgoing, hasInner, caught))) {
      const exitIndex = steps.index.get(idOf(exit))!;
      for (const target of targets) flows.add(exitIndex, target);
      if (targets.length > 0 && exit.local === 'endEvent' && steps.list[exitIndex]!['type'] === 'end') steps.through.set(exitIndex, `the end of the sub-process '${name}': the flow leads on after it`);
    }
  }
  pairLinks(steps, flows);
  // Compensation is thrown by an event naming the activity to undo (or every activity, without one): its boundary
  // event starts the handler, beside the run that threw it.
  const compensations = steps.nodes.filter((n) => n.local === 'boundaryEvent' && eventKinds(n).includes('compensate'));
  for (const thrower of steps.nodes.filter((n) => (n.local === 'intermediateThrowEvent' || n.local === 'endEvent') && eventKinds(n).includes('compensate'))) {
    const definition = thrower.children.find((d) => d.local === 'compensateEventDefinition');
    // Without a reference, a boundary event of the same name is the one meant (each activity is compensated once).
    const activity = definition?.attrs.get('activityRef');
    const named = compensations.filter((b) => label(b) !== '' && label(b) === label(thrower));
    const meant = activity !== undefined ? compensations.filter((b) => b.attrs.get('attachedToRef') === activity) : named.length > 0 ? named : compensations;
    for (const boundary of meant) flows.add(steps.index.get(idOf(thrower)), steps.index.get(idOf(boundary)));
  }
  // A compensation handler is reached from its compensation boundary event through an association.
  for (const association of c.all.filter((e) => isBpmn(e, 'association'))) {
    const source = c.byId.get(association.attrs.get('sourceRef') ?? '');
    if (source?.local === 'boundaryEvent') flows.add(steps.index.get(idOf(source)), steps.index.get(association.attrs.get('targetRef') ?? ''));
  }
  addImplicitStarts(c, steps, flows, beginnings);
  passThroughs(c, steps, flows);
  addImplicitEnds(c, steps, flows);
  steps.list.forEach((step, i) => {
    const list = flows.of(i);
    if (list.length > 0 && step['type'] !== 'end') step['next'] = list.map((f) => (Object.keys(f).length === 1 ? f['to'] : f));
  });
}

/** The flows between steps, by source index, each once. */
class FlowSet {
  private readonly next = new Map<number, Obj[]>();
  private readonly incoming = new Map<number, number>();
  /** `from>to` of every flow added, so a step with many flows checks each once. */
  private readonly seen = new Set<string>();

  constructor(private readonly steps: Steps) {}

  add(from: number | undefined, to: number | undefined, extra: Obj = {}): void {
    if (from === undefined || to === undefined) return;
    const list = this.next.get(from) ?? [];
    const target = this.steps.list[to]!['id'] as string;
    const key = `${from}>${to}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push({ to: target, ...extra });
    this.next.set(from, list);
    this.incoming.set(to, (this.incoming.get(to) ?? 0) + 1);
  }

  of(from: number): Obj[] {
    return this.next.get(from) ?? [];
  }

  /** The steps some run reaches from a `start` step, found without recursion. */
  reachedFromStarts(): Set<number> {
    const index = new Map(this.steps.list.map((step, i) => [step['id'] as string, i]));
    const stack = this.steps.list.flatMap((step, i) => (step['type'] === 'start' ? [i] : []));
    const seen = new Set(stack);
    while (stack.length > 0) {
      for (const flow of this.of(stack.pop()!)) {
        const to = index.get(flow['to'] as string);
        if (to !== undefined && !seen.has(to)) {
          seen.add(to);
          stack.push(to);
        }
      }
    }
    return seen;
  }

  into(to: number): number {
    return this.incoming.get(to) ?? 0;
  }

  /** Makes the step a decision between its flows, with these conditions. */
  choose(from: number, conditions: readonly string[]): void {
    this.of(from).forEach((f, i) => (f['when'] = conditions[i]));
    this.steps.list[from]!['type'] = 'decision';
  }
}

function isLink(e: XmlElement, local: string): boolean {
  return e.local === local && eventKinds(e).includes('link');
}

/** An element whose end finishes its sub-process's flow: a normal end event, or an activity or event nothing follows. */
function isExit(n: XmlElement, outgoing: ReadonlyMap<string, XmlElement[]>, hasInner: (e: XmlElement) => boolean, caught: ReadonlySet<XmlElement>): boolean {
  if (n.local === 'endEvent') return !caught.has(n) && !eventKinds(n).some((k) => THROWN.has(k));
  if (outgoing.has(n.attrs.get('id') ?? '') || isLink(n, 'intermediateThrowEvent') || hasInner(n)) return false;
  if (n.local === 'boundaryEvent' && eventKinds(n).includes('compensate')) return false;
  return n.attrs.get('isForCompensation') !== 'true';
}

/**
 * An error, escalation or cancel end event leaves through the nearest enclosing sub-process's boundary
 * event of the same kind that names the same error (or names none); the end events so caught.
 */
function catchErrors(steps: Steps, flows: FlowSet, boundaries: ReadonlyMap<string, XmlElement[]>): Set<XmlElement> {
  const caught = new Set<XmlElement>();
  for (const end of steps.nodes.filter((n) => n.local === 'endEvent')) {
    const kind = eventKinds(end).find((k) => THROWN.has(k));
    if (!kind) continue;
    const ref = refOf(end, kind);
    for (let scope = end.parent; scope && CONTAINERS.has(scope.local); scope = scope.parent) {
      const boundary = (boundaries.get(scope.attrs.get('id') ?? '') ?? []).find((b) => eventKinds(b).includes(kind) && (refOf(b, kind) === undefined || refOf(b, kind) === ref));
      if (!boundary) continue;
      const index = steps.index.get(end.attrs.get('id') ?? '')!;
      flows.add(index, steps.index.get(boundary.attrs.get('id') ?? ''));
      steps.through.set(index, `an ${kind} end event, caught by the boundary event '${readableName(boundary)}' of '${readableName(scope)}'`);
      caught.add(end);
      break;
    }
  }
  return caught;
}

function refOf(event: XmlElement, kind: string): string | undefined {
  const definition = children(event, `${kind}EventDefinition`)[0];
  return definition?.attrs.get(`${kind}Ref`) || undefined;
}

/** A link throw event continues at the link catch events of the same name in the same process level. */
function pairLinks(steps: Steps, flows: FlowSet): void {
  const linkName = (e: XmlElement): string => children(e, 'linkEventDefinition')[0]?.attrs.get('name') || label(e);
  const catches = new Map<XmlElement | undefined, Map<string, XmlElement[]>>();
  for (const node of steps.nodes.filter((n) => isLink(n, 'intermediateCatchEvent'))) {
    steps.through.set(steps.index.get(node.attrs.get('id') ?? '')!, `the link catch event '${readableName(node)}', where its throw event continues`);
    const byName = catches.get(node.parent) ?? new Map<string, XmlElement[]>();
    catches.set(node.parent, byName);
    pushTo(byName, linkName(node), node);
  }
  for (const thrown of steps.nodes.filter((n) => isLink(n, 'intermediateThrowEvent'))) {
    const from = steps.index.get(thrown.attrs.get('id') ?? '')!;
    steps.through.set(from, `the link throw event '${readableName(thrown)}', continued at its catch event`);
    for (const target of catches.get(thrown.parent)?.get(linkName(thrown)) ?? []) flows.add(from, steps.index.get(target.attrs.get('id') ?? ''));
  }
}

/** A process without a start event begins at every element no sequence flow enters: one start step leads there. */
function addImplicitStarts(c: Conversion, steps: Steps, flows: FlowSet, beginnings: (scope: XmlElement) => XmlElement[]): void {
  const processes = [...new Set(steps.nodes.map((n) => n.parent).filter((p): p is XmlElement => p !== undefined && isBpmn(p, 'process')))];
  for (const process of processes) {
    const entries = beginnings(process);
    if (entries.length === 0 || entries.some((e) => e.local === 'startEvent')) continue;
    const index = steps.list.length;
    const id = c.fresh(`${label(process) || 'process'} starts`);
    steps.list.push({ id, type: 'start' });
    c.at(['steps', index], process);
    c.at(['steps', index, 'id'], process);
    c.infer(['steps', index], 'implicit-start', 'added', `'${readableName(process)}' has no start event, so BPMN starts every element no sequence flow enters`, false);
    for (const entry of entries) flows.add(index, steps.index.get(entry.attrs.get('id') ?? ''));
  }
}

/**
 * The steps that only pass the flow on (sub-processes, inner starts and ends, throw and link events,
 * merging gateways) get a type that does so: `parallel` where at most one flow enters (it splits, if
 * anything), `wait` where several do, since a plain merge passes on each token and must not read as
 * a `parallel` join.
 */
function passThroughs(c: Conversion, steps: Steps, flows: FlowSet): void {
  steps.list.forEach((step, i) => {
    if (step['type'] === 'decision' && flows.of(i).length <= 1 && !steps.through.has(i)) steps.through.set(i, 'a gateway that only merges branches');
  });
  const byId = new Map(steps.list.map((step, i) => [String(step['id']), i]));
  for (const [i, because] of [...steps.through].sort(([a], [b]) => a - b)) {
    const step = steps.list[i]!;
    step['type'] = flows.into(i) >= 2 ? 'wait' : 'parallel';
    delete step['automated'];
    for (const f of flows.of(i)) {
      // The choice between a sub-process's flow and an interrupting boundary event stays (see the boundaries above).
      const target = steps.nodes[byId.get(String(f['to'])) ?? -1];
      if (target?.local === 'boundaryEvent' && f['when'] !== undefined) continue;
      delete f['when'];
      delete f['default'];
    }
    c.infer(['steps', i], 'pass-through', 'pass-through', because, false);
  }
}

/**
 * A path that stops at a step other than an end event ends there (BPMN's implicit end). Every such
 * step that a run reaches flows to one `end` step added for its process, so the map says the same in
 * YAML, where a step without `next` would flow on to the step listed after it.
 */
function addImplicitEnds(c: Conversion, steps: Steps, flows: FlowSet): void {
  const endOf = new Map<XmlElement | undefined, number>();
  const count = steps.list.length;
  const reached = flows.reachedFromStarts();
  for (let i = 0; i < count; i++) {
    const step = steps.list[i]!;
    // A step no run reaches ends nothing: it stays without flow (and no-unreachable says so once).
    if (step['type'] === 'end' || flows.of(i).length > 0 || !reached.has(i)) continue;
    const process = processOf(steps.nodes[i]);
    let end = endOf.get(process);
    if (end === undefined) {
      end = steps.list.length;
      endOf.set(process, end);
      const name = process ? readableName(process) : 'the process';
      steps.list.push({ id: c.fresh(`${process ? label(process) || 'process' : 'process'} ends`), type: 'end' });
      const at = process ?? steps.nodes[i];
      if (at) {
        c.at(['steps', end], at);
        c.at(['steps', end, 'id'], at);
      }
      c.infer(['steps', end], 'implicit-end', 'added', `in '${name}' a path stops without an end event, and BPMN ends it there (an implicit end)`, false);
    }
    flows.add(i, end);
  }
}

/** The process an element lies in; undefined for the steps pmlint adds. */
function processOf(node: XmlElement | undefined): XmlElement | undefined {
  let e = node;
  while (e && !isBpmn(e, 'process')) e = e.parent;
  return e;
}

/** A branch out of a choosing gateway or a conditional flow: its default, or its `when` from the flow's name, its condition or the event that comes first. */
function branchOf(c: Conversion, source: XmlElement, flow: XmlElement): Obj {
  const branch = chosenBranch(c, source, flow);
  // `pmlint:outcome="negative"` on the sequence flow: the branch is bad news for the customer.
  const outcome = pmlintAttr(flow, 'outcome')?.trim();
  return outcome === undefined ? branch : { ...branch, outcome };
}

function chosenBranch(c: Conversion, source: XmlElement, flow: XmlElement): Obj {
  const condition = children(flow, 'conditionExpression')[0]?.text.trim();
  if (!CHOOSING_GATEWAYS.has(source.local)) {
    // An activity's conditional flows (and its default) choose too (BPMN 13.2.1): a flow without a condition is always taken.
    if (source.attrs.get('default') === flow.attrs.get('id')) return { default: true };
    return condition !== undefined ? { when: label(flow) || condition || 'its condition holds' } : {};
  }
  if (source.attrs.get('default') === flow.attrs.get('id')) return { default: true };
  const when = label(flow) || condition || (source.local === 'eventBasedGateway' ? firstEvent(c.byId.get(flow.attrs.get('targetRef') ?? '')) : '');
  return when ? { when } : {};
}

/** After an event-based gateway the branch taken is the event that happens first; a timer's branch is the timeout. */
function firstEvent(target: XmlElement | undefined): string {
  if (!target) return '';
  if (eventKinds(target).includes('timer')) {
    const timer = children(target, 'timerEventDefinition')[0];
    const duration = timer ? ['timeDuration', 'timeDate', 'timeCycle'].map((t) => children(timer, t)[0]?.text.trim()).find(Boolean) : undefined;
    return `nothing else comes before the timer ${label(target) ? `'${label(target)}'` : duration ? `(${duration})` : `at line ${target.line}`} runs out (timeout)`;
  }
  return `${readableName(target)} comes first`;
}
