import type { NodePath } from '../../positions.js';
import type { XmlElement } from '../xml.js';
import type { Actors } from './actors.js';
import { emailConnector } from './connectors.js';
import { idBase, label, type Conversion, type Obj } from './context.js';
import { endsWithWord, findWord, startsWithWord } from './lexicon.js';
import { addressee, counterparts, type MessageRoutes } from './recipients.js';
import type { Systems } from './systems.js';
import { BPMN, children, CONTAINERS, descendants, eventKinds, isBpmn, pmlintAttr } from './tree.js';

export type { MessageRoutes } from './recipients.js';

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
  // An inclusive (or complex) gateway runs some of its branches: like a decision, any one branch may be
  // left out, which keeps every every-path question right; as a join it only merges (see flows.ts).
  inclusiveGateway: 'decision',
  complexGateway: 'decision',
  parallelGateway: 'parallel',
  intermediateCatchEvent: 'wait',
  intermediateThrowEvent: 'parallel',
  boundaryEvent: 'wait',
  subProcess: 'parallel',
  transaction: 'parallel',
  adHocSubProcess: 'parallel',
};
const AUTOMATED = new Set(['serviceTask', 'scriptTask', 'businessRuleTask', 'sendTask']);
const TASKS = new Set(['task', 'userTask', 'manualTask', 'serviceTask', 'scriptTask', 'businessRuleTask', 'callActivity']);
const PERSONS_WORK = new Set(['userTask', 'manualTask']);
/** Step types that no one performs. */
const UNPERFORMED = new Set(['start', 'end', 'decision', 'parallel', 'wait']);

export interface Steps {
  /** The map's `steps` section, in document order; flows.ts appends the implicit starts and ends. */
  list: Obj[];
  /** BPMN id → index in `list`. */
  index: ReadonlyMap<string, number>;
  /** The flow nodes the steps come from, in the same order. */
  nodes: XmlElement[];
  /** Steps that are no work of their own, only pass the flow on, with the reason for people. */
  through: Map<number, string>;
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

/** A sub-process with no flow nodes inside: a collapsed activity, read as the work it names. */
function isCollapsed(node: XmlElement): boolean {
  return CONTAINERS.has(node.local) && !node.children.some((e) => e.uri === BPMN && STEP_TYPES[e.local] !== undefined);
}

export function readSteps(c: Conversion, actors: Actors, systems: Systems, routes: MessageRoutes): Steps {
  const list: Obj[] = [];
  const index = new Map<string, number>();
  const through = new Map<number, string>();
  const nodes = flowNodes(c);
  for (const node of nodes) {
    const bpmnId = node.attrs.get('id') ?? '';
    const name = label(node);
    const id = c.fresh(idBase(node), bpmnId);
    const path: NodePath = ['steps', list.length];
    const step: Obj = { id };
    if (name) step['name'] = name;
    const customerSide = actors.isCustomers(node);
    const connected = routes.from.has(bpmnId) || routes.to.has(bpmnId);
    const typed = typeOf(c, node, name, path, step, actors);
    let { type, automated } = typed;
    if (customerSide && !connected && !UNPERFORMED.has(type)) {
      // What the customer does on their own is no contact with the company ("Eat the pizza").
      type = 'parallel';
      through.set(list.length, `the customer's own activity '${name || id}': no message flow connects it to the company, so it is no contact`);
      automated = undefined;
      delete step['with'];
    } else if (type === 'send') {
      addressee(c, node, { name, path, step, contact: typed.contact }, actors, routes);
    } else if (type === 'task' && connected && !customerSide) {
      counterparts(c, node, path, step, actors, routes);
    }
    if (customerSide && !UNPERFORMED.has(type)) automated = false; // the customer does it, not the company's automation
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
  return { list, index, nodes, through };
}

interface Typed {
  type: string;
  automated: boolean | undefined;
  /** The connector that sends the message, said for people. */
  contact: string | undefined;
}

/** A step's type: from the element, then from its event definitions, its label or its connector. */
function typeOf(c: Conversion, node: XmlElement, name: string, path: NodePath, step: Obj, actors: Actors): Typed {
  let type = STEP_TYPES[node.local]!;
  let automated: boolean | undefined = AUTOMATED.has(node.local) ? true : undefined;
  let contact: string | undefined;
  const kinds = eventKinds(node);
  if (node.local === 'endEvent' && kinds.includes('message')) {
    type = 'send';
    automated = true;
    c.infer(path, 'step-type', 'send', 'a message end event');
  } else if (node.local === 'intermediateThrowEvent' && kinds.includes('message')) {
    type = 'send';
    automated = true;
    c.infer(path, 'step-type', 'send', 'a message throw event');
  }
  const collapsed = isCollapsed(node);
  if (!TASKS.has(node.local) && !collapsed) return { type, automated, contact };
  if (collapsed) type = 'task';
  if (node.local === 'callActivity') automated = calledWork(c, node) ?? automated;
  const connector = emailConnector(node);
  const booking = bookingWord(c, node, name, actors);
  const verb = findWord(name, c.lexicon.contactVerbs);
  const meets = node.local !== 'serviceTask' && node.local !== 'scriptTask' ? findWord(name, c.lexicon.meeting) : undefined;
  if (booking && !connector) {
    type = 'schedule';
    c.infer(path, 'step-type', 'schedule', `the label '${name}' says '${booking.verb}', names '${booking.appointment}' and ${booking.customer}`);
  } else if (meets && findWord(name, c.lexicon.customer) && !connector) {
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
  return { type, automated, contact };
}

/**
 * A booking needs a booking verb first (or last, as German puts it: "Termin vereinbaren"), an appointment word and a customer: named in the
 * label, or present in the model. "Book appointment with customer" is one; "Schedule shipping" is not.
 */
function bookingWord(c: Conversion, node: XmlElement, name: string, actors: Actors): { verb: string; appointment: string; customer: string } | undefined {
  const label = name.trim();
  const first = startsWithWord(label, c.lexicon.scheduleVerbs);
  const verb = first ?? endsWithWord(label, c.lexicon.scheduleVerbs);
  if (!verb || !label.includes(' ')) return undefined;
  const rest = first ? label.slice(label.indexOf(' ') + 1) : label.slice(0, label.lastIndexOf(' '));
  const appointment = findWord(rest, c.lexicon.meeting) ?? findWord(rest, c.lexicon.calendar);
  if (!appointment) return undefined;
  const named = findWord(name, c.lexicon.customer);
  if (named) return { verb, appointment, customer: `names '${named}'` };
  if (actors.isCustomers(node)) return { verb, appointment, customer: "lies in the customer's pool" };
  if (actors.customerPools.size > 0) return { verb, appointment, customer: 'the model has a customer pool' };
  return undefined;
}

/**
 * Whether a call activity's work is automated, when the process it calls is in the file: a process of
 * service, script and send tasks only is automated, one with a user or manual task is a person's work.
 */
function calledWork(c: Conversion, node: XmlElement): boolean | undefined {
  const called = c.byId.get(node.attrs.get('calledElement') ?? '');
  if (!called || !isBpmn(called, 'process')) return undefined;
  if (!CALLED.has(called)) {
    const tasks = descendants(called).filter((e) => e.uri === BPMN && TASKS.has(e.local) && e.local !== 'callActivity');
    const automated = tasks.every((e) => AUTOMATED.has(e.local));
    CALLED.set(called, tasks.length === 0 ? undefined : automated ? true : tasks.some((e) => PERSONS_WORK.has(e.local)) ? false : undefined);
  }
  return CALLED.get(called);
}

/** What a called process's work is, worked out once per process. */
const CALLED = new WeakMap<XmlElement, boolean | undefined>();

/**
 * pmlint's own attributes on a flow node: `pmlint:offers` and `pmlint:shares` (lists of ids, separated
 * by spaces or commas), and the customer-edge fields `pmlint:purpose`, `pmlint:opt-out` and
 * `pmlint:max-repeats`, written as the map format writes them; a value the format does not know is
 * passed on as written, so the finding about it names the element.
 */
function readPmlintLists(node: XmlElement, step: Obj): void {
  for (const attr of ['offers', 'shares'] as const) {
    const value = pmlintAttr(node, attr);
    if (value) step[attr] = value.split(/[\s,]+/).filter(Boolean);
  }
  const purpose = pmlintAttr(node, 'purpose');
  if (purpose !== undefined) step['purpose'] = purpose.trim();
  const optOut = pmlintAttr(node, 'opt-out')?.trim();
  if (optOut !== undefined) step['opt-out'] = optOut === 'true' ? true : optOut === 'false' ? false : optOut;
  const repeats = pmlintAttr(node, 'max-repeats')?.trim();
  if (repeats !== undefined) step['max-repeats'] = /^\d+$/.test(repeats) ? Number(repeats) : repeats;
}

/** The systems a step reads and writes, through its data associations to data stores. */
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
