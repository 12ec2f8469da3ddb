import type { NodePath } from '../../positions.js';
import type { XmlElement } from '../xml.js';
import type { Actors } from './actors.js';
import { emailConnector } from './connectors.js';
import { label, type Conversion, type Obj } from './context.js';
import { findWord, startsWithWord } from './lexicon.js';
import type { Systems } from './systems.js';
import { BPMN, children, CONTAINERS, isBpmn, pmlintAttr } from './tree.js';

const STEP_TYPES: Record<string, string> = {
  startEvent: 'start',
  endEvent: 'end',
  task: 'task',
  userTask: 'task',
  manualTask: 'task',
  callActivity: 'task',
  sendTask: 'send',
  receiveTask: 'receive',
  serviceTask: 'task',
  scriptTask: 'task',
  businessRuleTask: 'task',
  exclusiveGateway: 'decision',
  eventBasedGateway: 'decision',
  parallelGateway: 'parallel',
  inclusiveGateway: 'parallel',
  complexGateway: 'parallel',
  intermediateCatchEvent: 'wait',
  intermediateThrowEvent: 'parallel',
  boundaryEvent: 'wait',
  subProcess: 'parallel',
  transaction: 'parallel',
  adHocSubProcess: 'parallel',
};
const AUTOMATED = new Set(['serviceTask', 'scriptTask', 'businessRuleTask', 'sendTask']);
const TASKS = new Set(['task', 'userTask', 'manualTask', 'serviceTask', 'scriptTask', 'businessRuleTask', 'callActivity']);
/** Step types that no one performs. */
const UNPERFORMED = new Set(['start', 'end', 'decision', 'parallel', 'wait']);

/** Where messages go: what the steps need to know of pools and message flows. */
export interface MessageRoutes {
  /** Source element id → its message flows, in order. */
  from: ReadonlyMap<string, XmlElement[]>;
  /** The pool (participant id) an element lies in. */
  poolOf(elementId: string): string;
}

export interface Steps {
  /** The map's `steps` section, in document order. */
  list: Obj[];
  /** BPMN id → index in `list`. */
  index: ReadonlyMap<string, number>;
  /** The flow nodes the steps come from, in the same order. */
  nodes: XmlElement[];
}

/** The flow nodes of every process, sub-processes flattened; an event sub-process is no step of its own. */
export function flowNodes(c: Conversion): XmlElement[] {
  return c.all.filter(
    (e) =>
      e.uri === BPMN &&
      STEP_TYPES[e.local] !== undefined &&
      e.parent !== undefined &&
      (isBpmn(e.parent, 'process') || CONTAINERS.has(e.parent.local)) &&
      !(CONTAINERS.has(e.local) && e.attrs.get('triggeredByEvent') === 'true'),
  );
}

export function readSteps(c: Conversion, actors: Actors, systems: Systems, routes: MessageRoutes): Steps {
  const list: Obj[] = [];
  const index = new Map<string, number>();
  const nodes = flowNodes(c);
  for (const node of nodes) {
    const bpmnId = node.attrs.get('id') ?? '';
    const name = label(node);
    const id = c.fresh(name || bpmnId || node.local, bpmnId);
    const path: NodePath = ['steps', list.length];
    const step: Obj = { id };
    if (name) step['name'] = name;
    const { type, automated, contact } = typeOf(c, node, name, path, step, actors);
    if (type === 'send') addressee(c, node, { name, path, step, contact }, actors, routes);
    const pmAutomated = pmlintAttr(node, 'automated');
    const isAutomated = pmAutomated !== undefined ? pmAutomated === 'true' : automated;
    if (isAutomated !== undefined) step['automated'] = isAutomated;
    step['type'] = type;
    const actor = UNPERFORMED.has(type) ? undefined : (actors.performer(node, path) ?? actors.ownerOf(node));
    if (actor) step['actor'] = actor;
    readPmlintLists(node, step);
    readData(node, step, systems);
    if (node.parent?.attrs.get('triggeredByEvent') === 'true' && node.local === 'startEvent') {
      c.infer(path, 'event-start', 'start', 'the start of an event sub-process, which can begin on its own');
    }
    if (!index.has(bpmnId)) index.set(bpmnId, list.length); // a repeated id names its first element, as in byId
    list.push(step);
    c.at(path, node);
    c.at([...path, 'id'], node);
  }
  return { list, index, nodes };
}

interface Typed {
  type: string;
  automated: boolean | undefined;
  /** The connector that sends the message, said for people. */
  contact: string | undefined;
}

/** A step's type: from the element, then from its event definitions, its label or its connector. */
function typeOf(c: Conversion, node: XmlElement, name: string, path: NodePath, step: Obj, actors: Actors): Typed {
  const { lexicon } = c;
  let type = STEP_TYPES[node.local]!;
  let automated: boolean | undefined = AUTOMATED.has(node.local) ? true : undefined;
  let contact: string | undefined;
  const definitions = new Set(node.children.filter((e) => e.uri === BPMN && e.local.endsWith('EventDefinition')).map((e) => e.local));
  const inEventSubprocess = node.parent?.attrs.get('triggeredByEvent') === 'true';
  const inContainer = node.parent !== undefined && CONTAINERS.has(node.parent.local);
  if (node.local === 'endEvent' && definitions.has('messageEventDefinition')) {
    type = 'send';
    automated = true;
    c.infer(path, 'step-type', 'send', 'a message end event');
  } else if (node.local === 'intermediateThrowEvent' && definitions.has('messageEventDefinition')) {
    type = 'send';
    automated = true;
    c.infer(path, 'step-type', 'send', 'a message throw event');
  } else if (inContainer && !inEventSubprocess && (node.local === 'startEvent' || node.local === 'endEvent')) {
    type = 'parallel';
    c.infer(path, 'pass-through', 'pass-through', `the ${node.local === 'startEvent' ? 'start' : 'end'} of the sub-process '${label(node.parent!)}', flattened`, false);
  } else if (CONTAINERS.has(node.local)) {
    c.infer(path, 'pass-through', 'pass-through', `the sub-process '${name}', flattened into its steps`, false);
  }
  if (TASKS.has(node.local)) {
    const connector = emailConnector(node);
    // "Book appointment" is a booking with a person; "Book hotel" is not.
    const scheduleVerb = startsWithWord(name, lexicon.scheduleVerbs);
    const booking = scheduleVerb && (findWord(name, lexicon.meeting) || findWord(name, lexicon.calendar)) ? scheduleVerb : undefined;
    const verb = findWord(name, lexicon.contactVerbs);
    const meets = node.local !== 'serviceTask' && node.local !== 'scriptTask' ? findWord(name, lexicon.meeting) : undefined;
    if (booking && !connector) {
      type = 'schedule';
      c.infer(path, 'step-type', 'schedule', `the label '${name}' starts with '${booking}' and names an appointment`);
    } else if (meets && findWord(name, lexicon.customer) && !connector) {
      type = 'meeting';
      step['with'] = actors.customer();
      c.infer(path, 'step-type', 'meeting with the customer', `the label '${name}' says '${meets}' and names the customer`);
    } else if (connector) {
      type = 'send';
      contact = connector;
      c.infer(path, 'step-type', 'send', connector);
    } else if (verb) {
      type = 'send';
      c.infer(path, 'step-type', 'send', `the label '${name}' says '${verb}'`);
    }
  }
  return { type, automated, contact };
}

/** Who a message goes to: the customer's pool, the customer the label names, or, sent out of the process, the customer. */
function addressee(
  c: Conversion,
  node: XmlElement,
  { name, path, step, contact }: { name: string; path: NodePath; step: Obj; contact: string | undefined },
  actors: Actors,
  routes: MessageRoutes,
): void {
  const { lexicon } = c;
  const sent = routes.from.get(node.attrs.get('id') ?? '') ?? [];
  const toPool = sent.find((f) => actors.customerPools.has(routes.poolOf(f.attrs.get('targetRef') ?? '')));
  const named = findWord(name, lexicon.customer);
  if (toPool) {
    step['to'] = actors.customer();
    c.infer([...path, 'to'], 'recipient', 'the customer', 'a message flow goes to the customer pool');
  } else if (named) {
    step['to'] = actors.customer();
    c.infer([...path, 'to'], 'recipient', 'the customer', `the label names '${named}'`);
  } else if (findWord(name, lexicon.staff)) {
    c.infer(path, 'not-contact', 'not a customer contact', `the label '${name}' names '${findWord(name, lexicon.staff)}', the company's own people`);
  } else if (node.local === 'sendTask' || node.local.endsWith('Event') || contact) {
    const outside = sent[0];
    if (!outside || actors.customerPools.size === 0) {
      step['to'] = actors.customer();
      c.infer([...path, 'to'], 'recipient', 'the customer', outside ? 'the message leaves the process and no pool is the customer' : 'a message sent out of the process, to nobody the model names');
    }
  }
}

/** `pmlint:offers` and `pmlint:shares`: lists of offer ids, separated by spaces or commas. */
function readPmlintLists(node: XmlElement, step: Obj): void {
  for (const attr of ['offers', 'shares'] as const) {
    const value = pmlintAttr(node, attr);
    if (value) step[attr] = value.split(/[\s,]+/).filter(Boolean);
  }
}

/** The systems a step reads and writes, through its data associations. */
function readData(node: XmlElement, step: Obj, { systemOf }: Systems): void {
  const through = (association: string, end: string): string[] =>
    node.children
      .filter((e) => isBpmn(e, association))
      .flatMap((a) => children(a, end).map((r) => systemOf.get(r.text.trim())))
      .filter((s): s is string => s !== undefined);
  const reads = through('dataInputAssociation', 'sourceRef');
  const writes = through('dataOutputAssociation', 'targetRef');
  if (reads.length > 0) step['reads'] = [...new Set(reads)];
  if (writes.length > 0) step['writes'] = [...new Set(writes)];
}
