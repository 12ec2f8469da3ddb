import type { NodePath, Range, SourceLocator } from '../positions.js';
import { DEFAULT_LEXICON, findWord, normaliseLabel, startsWithWord, type Lexicon } from './bpmn-lexicon.js';
import type { ParseOutcome, SchemaIssue } from './types.js';
import { parseXml, type XmlElement } from './xml.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const PMLINT = 'urn:pmlint:bpmn:1';
const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';
const ZEEBE = 'http://camunda.org/schema/zeebe/1.0';
/**
 * The namespaces whose elements pmlint reads. The rest (diagram interchange, vendors' extensions
 * such as ADONIS's attribute records) is most of a model's bytes and is left out of the tree.
 */
const READ = new Set([BPMN, CAMUNDA, ZEEBE, PMLINT]);
const unread = (uri: string): boolean => !READ.has(uri);

/** Why pmlint read a BPMN element as it did: shown as comments by `pmlint convert`. */
export interface Inference {
  path: NodePath;
  note: string;
}

export interface BpmnMap {
  data: Record<string, unknown>;
  inferences: Inference[];
  issues: SchemaIssue[];
  positions: Map<string, { line: number; column: number; length: number }>;
}

type Obj = Record<string, unknown>;

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
const CONTAINERS = new Set(['subProcess', 'transaction', 'adHocSubProcess']);

function isBpmn(e: XmlElement, local?: string): boolean {
  return e.uri === BPMN && (local === undefined || e.local === local);
}

function children(e: XmlElement, local: string): XmlElement[] {
  return e.children.filter((c) => isBpmn(c, local));
}

/** Every element below `root`, depth first, without recursion. */
function descendants(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [...root.children].reverse();
  while (stack.length > 0) {
    const e = stack.pop()!;
    out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
  return out;
}

function slug(text: string): string {
  const s = normaliseLabel(text)
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{Ll}\p{Nd}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return /^\p{Ll}/u.test(s) ? s : `x-${s || 'element'}`.replace(/^x-/, 'e-');
}

/** Converts a parsed BPMN 2.0 document into pmlint's map format, noting every inference it makes. */
export function bpmnToMap(root: XmlElement, lexicon: Lexicon = DEFAULT_LEXICON): BpmnMap | { fatal: string } {
  if (!isBpmn(root, 'definitions')) {
    return { fatal: `not a BPMN 2.0 model: the root element is <${root.local}> in ${root.uri ? `namespace ${root.uri}` : 'no namespace'}, not <definitions> in ${BPMN}` };
  }
  const all = descendants(root);
  const byId = new Map<string, XmlElement>();
  const repeated: XmlElement[] = [];
  for (const e of all) {
    const id = e.attrs.get('id');
    if (!id) continue;
    if (byId.has(id)) repeated.push(e);
    else byId.set(id, e);
  }
  const used = new Set<string>();
  const ids = new Map<string, string>(); // BPMN id → pmlint id
  const fresh = (base: string, bpmnId?: string): string => {
    const stem = slug(base);
    let id = stem;
    for (let n = 2; used.has(id); n++) id = `${stem}-${n}`;
    used.add(id);
    if (bpmnId) ids.set(bpmnId, id);
    return id;
  };
  const label = (e: XmlElement): string => normaliseLabel(e.attrs.get('name') ?? '');
  const inferences: Inference[] = [];
  const issues: SchemaIssue[] = [];
  const positions = new Map<string, { line: number; column: number; length: number }>();
  const at = (path: NodePath, e: XmlElement): void => {
    positions.set(JSON.stringify(path), { line: e.line, column: e.column, length: e.local.length + 1 });
  };

  const processes = all.filter((e) => isBpmn(e, 'process'));
  const participants = all.filter((e) => isBpmn(e, 'participant'));
  const messageFlows = all.filter((e) => isBpmn(e, 'messageFlow'));
  const messagesFrom = new Map<string, XmlElement[]>(); // source element id → its message flows, in order
  for (const f of messageFlows) {
    const source = f.attrs.get('sourceRef') ?? '';
    const list = messagesFrom.get(source);
    if (list) list.push(f);
    else messagesFrom.set(source, [f]);
  }
  at(['process'], processes[0] ?? root);
  // What bpmnlint reports too: an id used twice, and a flow whose end names no element. The model
  // is read on (the first element keeps the id, the flow is left out); the breach is reported where it is.
  const breach = (e: XmlElement, message: string): void => {
    const path: NodePath = ['bpmn', `${e.line}:${e.column}`];
    at(path, e);
    issues.push({ message, path, target: 'value' });
  };
  for (const e of repeated) {
    const first = byId.get(e.attrs.get('id')!)!;
    breach(e, `the id \`${e.attrs.get('id')}\` of this <${e.local}> is already the id of the <${first.local}> at line ${first.line}: BPMN ids are unique, and references to it are ambiguous`);
  }
  for (const flow of all) {
    if (!isBpmn(flow, 'sequenceFlow') && !isBpmn(flow, 'messageFlow')) continue;
    for (const end of ['sourceRef', 'targetRef']) {
      const ref = flow.attrs.get(end);
      const what = `the <${flow.local}>${flow.attrs.get('id') ? ` \`${flow.attrs.get('id')}\`` : ''}`;
      if (ref === undefined || ref === '') breach(flow, `${what} has no ${end}: it connects nothing`);
      else if (!byId.has(ref)) breach(flow, `${what}: its ${end} \`${ref}\` names no element of the model`);
    }
  }

  // Actors: pools, lanes and resources, typed by their names.
  const actors: Obj = {};
  const actorOf = new Map<string, string>(); // BPMN element id (node, lane, pool, process) → actor id
  const typeByName = (name: string, path: NodePath, what: string): string => {
    const customer = findWord(name, lexicon.customer);
    const unit = customer ? findWord(name, lexicon.organisation) : undefined;
    if (customer && unit) {
      inferences.push({ path, note: `human: the ${what} name '${name}' says '${customer}' but also '${unit}': the company's own unit` });
      return 'human';
    }
    if (customer) {
      inferences.push({ path, note: `customer: the ${what} name '${name}' says '${customer}'` });
      return 'customer';
    }
    const system = findWord(name, lexicon.system);
    if (system) {
      inferences.push({ path, note: `system: the ${what} name '${name}' says '${system}'` });
      return 'system';
    }
    inferences.push({ path, note: `human: the ${what} '${name}' names no customer and no system` });
    return 'human';
  };
  const addActor = (e: XmlElement, what: string, fallback: string): string => {
    const name = label(e) || fallback;
    const id = fresh(name, e.attrs.get('id'));
    actors[id] = { name, type: typeByName(name, ['actors', id], what) };
    at(['actors', id], e);
    return id;
  };
  const customerPools = new Set<string>();
  for (const p of participants) {
    const actor = addActor(p, 'pool', p.attrs.get('id') ?? 'pool');
    actorOf.set(p.attrs.get('id') ?? '', actor);
    const processRef = p.attrs.get('processRef');
    if (processRef) actorOf.set(processRef, actor);
    if ((actors[actor] as Obj)['type'] === 'customer') customerPools.add(p.attrs.get('id') ?? '');
  }
  for (const proc of processes) {
    const pid = proc.attrs.get('id') ?? '';
    if (!actorOf.has(pid)) actorOf.set(pid, addActor(proc, 'process', pid || 'process'));
  }
  for (const lane of all.filter((e) => isBpmn(e, 'lane'))) {
    const actor = addActor(lane, 'lane', lane.attrs.get('id') ?? 'lane');
    for (const ref of children(lane, 'flowNodeRef')) actorOf.set(ref.text.trim(), actor); // nested lanes come later and win
  }
  const resources = new Map<string, string>();
  for (const r of all.filter((e) => isBpmn(e, 'resource'))) resources.set(r.attrs.get('id') ?? '', label(r) || (r.attrs.get('id') ?? 'resource'));

  // Systems: data stores and data objects.
  const systems: Obj = {};
  const systemOf = new Map<string, string>();
  for (const d of all.filter((e) => isBpmn(e, 'dataStoreReference') || isBpmn(e, 'dataObjectReference') || isBpmn(e, 'dataStore'))) {
    const target = d.attrs.get('dataStoreRef') ?? d.attrs.get('dataObjectRef');
    const name = label(d) || (target ? label(byId.get(target) ?? d) : '') || (d.attrs.get('id') ?? 'data');
    const id = fresh(name, d.attrs.get('id'));
    const calendar = findWord(name, lexicon.calendar);
    const crm = findWord(name, lexicon.crm);
    const type = calendar ? 'calendar' : crm ? 'crm' : 'other';
    const live = d.attrs.get(`{${PMLINT}}live`) === 'true' || (target !== undefined && byId.get(target)?.attrs.get(`{${PMLINT}}live`) === 'true');
    systems[id] = { name, type, ...(live ? { live: true } : {}) };
    if (calendar) inferences.push({ path: ['systems', id], note: `calendar inferred from the data store name '${name}'${live ? '' : '; not live unless pmlint:live="true" says so'}` });
    else if (crm) inferences.push({ path: ['systems', id], note: `crm inferred from the data store name '${name}'` });
    systemOf.set(d.attrs.get('id') ?? '', id);
    at(['systems', id], d);
  }

  // Steps: flow nodes of every process, sub-processes flattened.
  const steps: Obj[] = [];
  const stepIndex = new Map<string, number>(); // BPMN id → index in steps
  // An event sub-process is no step of its own: its start event can begin at any time.
  const nodes = all.filter(
    (e) =>
      e.uri === BPMN &&
      STEP_TYPES[e.local] !== undefined &&
      e.parent !== undefined &&
      (isBpmn(e.parent, 'process') || CONTAINERS.has(e.parent.local)) &&
      !(CONTAINERS.has(e.local) && e.attrs.get('triggeredByEvent') === 'true'),
  );
  let implicitCustomer: string | undefined;
  const customerActor = (): string => {
    const pool = [...customerPools][0];
    if (pool) return actorOf.get(pool)!;
    const named = Object.entries(actors).find(([, a]) => (a as Obj)['type'] === 'customer');
    if (named) return named[0];
    if (!implicitCustomer) {
      implicitCustomer = fresh('customer');
      actors[implicitCustomer] = { name: 'Customer', type: 'customer' };
      inferences.push({ path: ['actors', implicitCustomer], note: 'added: the model sends messages to someone outside it, and names no customer pool or lane' });
    }
    return implicitCustomer;
  };
  // The lane that lists the node, else the lane or pool of the sub-process or process around it.
  const ownerOf = (e: XmlElement): string | undefined => {
    for (let p: XmlElement | undefined = e; p; p = p.parent) {
      const actor = actorOf.get(p.attrs.get('id') ?? '');
      if (actor) return actor;
    }
    return undefined;
  };

  for (const node of nodes) {
    const bpmnId = node.attrs.get('id') ?? '';
    const name = label(node);
    const id = fresh(name || bpmnId || node.local, bpmnId);
    const index = steps.length;
    const path: NodePath = ['steps', index];
    const step: Obj = { id };
    if (name) step['name'] = name;
    let type = STEP_TYPES[node.local]!;
    const definitions = new Set(node.children.filter((c) => c.uri === BPMN && c.local.endsWith('EventDefinition')).map((c) => c.local));
    const inEventSubprocess = node.parent?.attrs.get('triggeredByEvent') === 'true';
    const inContainer = node.parent !== undefined && CONTAINERS.has(node.parent.local);
    let automated: boolean | undefined = AUTOMATED.has(node.local) ? true : undefined;
    let contact: string | undefined;

    if (node.local === 'endEvent' && definitions.has('messageEventDefinition')) {
      type = 'send';
      automated = true;
      inferences.push({ path, note: 'send: a message end event' });
    } else if (node.local === 'intermediateThrowEvent' && definitions.has('messageEventDefinition')) {
      type = 'send';
      automated = true;
      inferences.push({ path, note: 'send: a message throw event' });
    } else if (inContainer && !inEventSubprocess && (node.local === 'startEvent' || node.local === 'endEvent')) {
      type = 'parallel';
      inferences.push({ path, note: `pass-through: the ${node.local === 'startEvent' ? 'start' : 'end'} of the sub-process '${label(node.parent!)}', flattened` });
    } else if (CONTAINERS.has(node.local)) {
      inferences.push({ path, note: `pass-through: the sub-process '${name}', flattened into its steps` });
    }
    if (['task', 'userTask', 'manualTask', 'serviceTask', 'scriptTask', 'businessRuleTask', 'callActivity'].includes(node.local)) {
      const connector = emailConnector(node);
      // "Book appointment" is a booking with a person; "Book hotel" is not.
      const scheduleVerb = startsWithWord(name, lexicon.scheduleVerbs);
      const booking = scheduleVerb && (findWord(name, lexicon.meeting) || findWord(name, lexicon.calendar)) ? scheduleVerb : undefined;
      const verb = findWord(name, lexicon.contactVerbs);
      const meets = node.local !== 'serviceTask' && node.local !== 'scriptTask' ? findWord(name, lexicon.meeting) : undefined;
      if (booking && !connector) {
        type = 'schedule';
        inferences.push({ path, note: `schedule: the label '${name}' starts with '${booking}' and names an appointment` });
      } else if (meets && findWord(name, lexicon.customer) && !connector) {
        type = 'meeting';
        step['with'] = customerActor();
        inferences.push({ path, note: `meeting with the customer: the label '${name}' says '${meets}' and names the customer` });
      } else if (connector) {
        type = 'send';
        contact = connector;
        inferences.push({ path, note: `send: ${connector}` });
      } else if (verb) {
        type = 'send';
        inferences.push({ path, note: `send: the label '${name}' says '${verb}'` });
      }
    }
    if (type === 'send') {
      const sent = messagesFrom.get(bpmnId) ?? [];
      const toPool = sent.find((f) => customerPools.has(poolOf(f.attrs.get('targetRef') ?? '', byId, participants)));
      const named = findWord(name, lexicon.customer);
      if (toPool) {
        step['to'] = customerActor();
        inferences.push({ path: [...path, 'to'], note: 'the customer: a message flow goes to the customer pool' });
      } else if (named) {
        step['to'] = customerActor();
        inferences.push({ path: [...path, 'to'], note: `the customer: the label names '${named}'` });
      } else if (findWord(name, lexicon.staff)) {
        inferences.push({ path, note: `not a customer contact: the label '${name}' names '${findWord(name, lexicon.staff)}', the company's own people` });
      } else if (node.local === 'sendTask' || node.local.endsWith('Event') || contact) {
        const outside = sent[0];
        if (!outside || customerPools.size === 0) {
          step['to'] = customerActor();
          inferences.push({ path: [...path, 'to'], note: outside ? 'the customer: the message leaves the process and no pool is the customer' : 'the customer: a message sent out of the process, to nobody the model names' });
        }
      }
    }
    const pmAutomated = node.attrs.get(`{${PMLINT}}automated`);
    if (pmAutomated !== undefined) automated = pmAutomated === 'true';
    if (automated !== undefined) step['automated'] = automated;
    step['type'] = type;
    const actor = type === 'start' || type === 'end' || type === 'decision' || type === 'parallel' || type === 'wait' ? undefined : performer(node, resources, actors, fresh, inferences, path) ?? ownerOf(node);
    if (actor) step['actor'] = actor;
    for (const [attr, field] of [['offers', 'offers'], ['shares', 'shares']] as const) {
      const value = node.attrs.get(`{${PMLINT}}${attr}`);
      if (value) step[field] = value.split(/[\s,]+/).filter(Boolean);
    }
    const readsList = node.children.filter((c) => isBpmn(c, 'dataInputAssociation')).flatMap((a) => children(a, 'sourceRef').map((r) => systemOf.get(r.text.trim()))).filter((s): s is string => s !== undefined);
    const writesList = node.children.filter((c) => isBpmn(c, 'dataOutputAssociation')).flatMap((a) => children(a, 'targetRef').map((r) => systemOf.get(r.text.trim()))).filter((s): s is string => s !== undefined);
    if (readsList.length > 0) step['reads'] = [...new Set(readsList)];
    if (writesList.length > 0) step['writes'] = [...new Set(writesList)];
    if (inEventSubprocess && node.local === 'startEvent') inferences.push({ path, note: 'start: the start of an event sub-process, which can begin on its own' });
    steps.push(step);
    if (!stepIndex.has(bpmnId)) stepIndex.set(bpmnId, index); // a repeated id names its first element, as in byId
    at(path, node);
    at([...path, 'id'], node);
  }

  // Flows: sequence flows, sub-processes entered and left, boundary events, message flows between pools.
  const next = new Map<number, Obj[]>();
  const addFlow = (from: number | undefined, to: number | undefined, extra: Obj = {}): void => {
    if (from === undefined || to === undefined) return;
    const list = next.get(from) ?? [];
    const target = steps[to]!['id'] as string;
    if (!list.some((f) => f['to'] === target)) list.push({ to: target, ...extra });
    next.set(from, list);
  };
  const entriesOf = (container: XmlElement): number[] =>
    container.children.filter((c) => isBpmn(c, 'startEvent')).map((c) => stepIndex.get(c.attrs.get('id') ?? '')).filter((i): i is number => i !== undefined);
  const exitsOf = (container: XmlElement): number[] =>
    container.children.filter((c) => isBpmn(c, 'endEvent')).map((c) => stepIndex.get(c.attrs.get('id') ?? '')).filter((i): i is number => i !== undefined);
  for (const flow of all.filter((e) => isBpmn(e, 'sequenceFlow'))) {
    const sourceId = flow.attrs.get('sourceRef') ?? '';
    const source = byId.get(sourceId);
    const from = stepIndex.get(sourceId);
    const to = stepIndex.get(flow.attrs.get('targetRef') ?? '');
    const condition = children(flow, 'conditionExpression')[0]?.text.trim();
    const name = label(flow);
    const extra: Obj = {};
    if (source && ['exclusiveGateway', 'eventBasedGateway', 'inclusiveGateway'].includes(source.local)) {
      // After an event-based gateway the branch taken is the event that happens first.
      const event = source.local === 'eventBasedGateway' ? label(byId.get(flow.attrs.get('targetRef') ?? '') ?? flow) : '';
      if (source.attrs.get('default') === flow.attrs.get('id')) extra['default'] = true;
      else if (name || condition || event) extra['when'] = name || condition || `${event} comes first`;
    }
    if (source && CONTAINERS.has(source.local)) {
      for (const exit of exitsOf(source)) addFlow(exit, to, extra);
      continue;
    }
    addFlow(from, to, extra);
  }
  for (const node of nodes) {
    const index = stepIndex.get(node.attrs.get('id') ?? '');
    if (CONTAINERS.has(node.local) && node.attrs.get('triggeredByEvent') !== 'true') for (const entry of entriesOf(node)) addFlow(index, entry);
    if (node.local === 'boundaryEvent') addFlow(stepIndex.get(node.attrs.get('attachedToRef') ?? ''), index);
  }
  // A compensation handler is reached from its compensation boundary event through an association.
  for (const association of all.filter((e) => isBpmn(e, 'association'))) {
    const source = byId.get(association.attrs.get('sourceRef') ?? '');
    if (source?.local === 'boundaryEvent') addFlow(stepIndex.get(source.attrs.get('id') ?? ''), stepIndex.get(association.attrs.get('targetRef') ?? ''));
  }
  for (const flow of messageFlows) {
    const from = stepIndex.get(flow.attrs.get('sourceRef') ?? '');
    const to = stepIndex.get(flow.attrs.get('targetRef') ?? '');
    if (from !== undefined && to !== undefined && steps[from]!['type'] !== 'end') addFlow(from, to);
  }
  steps.forEach((step, i) => {
    const flows = next.get(i);
    // An exclusive gateway with one way out only merges branches: it decides nothing.
    if (step['type'] === 'decision' && (flows?.length ?? 0) <= 1) {
      step['type'] = 'parallel';
      for (const f of flows ?? []) {
        delete f['when'];
        delete f['default'];
      }
      inferences.push({ path: ['steps', i], note: 'pass-through: a gateway that only merges branches' });
    }
    if (!flows || step['type'] === 'end') return;
    step['next'] = flows.map((f) => (Object.keys(f).length === 1 ? f['to'] : f));
  });

  const main = processes.find((p) => steps.length > 0 && nodes.some((n) => n.parent === p)) ?? processes[0];
  const processName = main ? label(main) || participants.find((p) => p.attrs.get('processRef') === main.attrs.get('id'))?.attrs.get('name') : undefined;
  const base = main ? slug(processName || main.attrs.get('id') || 'process') : 'empty-model';
  const processId = fresh(used.has(base) ? `${base}-process` : base);
  if (steps.length === 0) {
    issues.push({
      message: processes.length === 0 ? 'the BPMN model is empty: it has no <process>, so there is nothing to check (diagram data only?)' : 'the BPMN model is empty: its processes have no steps',
      path: ['process'],
      target: 'key',
    });
  }
  const offerIds = [...new Set(steps.flatMap((st) => (st['offers'] as string[] | undefined) ?? []))];
  const data: Obj = {
    pmlint: 1,
    process: { id: processId, name: normaliseLabel(processName ?? '') || processId },
    actors: Object.keys(actors).length > 0 ? actors : { nobody: { type: 'human' } },
    ...(Object.keys(systems).length > 0 ? { systems } : {}),
    ...(offerIds.length > 0 ? { offers: Object.fromEntries(offerIds.map((o) => [o, { name: o }])) } : {}),
    steps,
  };
  return { data, inferences, issues, positions };
}

/** The pool (participant id) an element lies in, through its process. */
function poolOf(elementId: string, byId: Map<string, XmlElement>, participants: XmlElement[]): string {
  if (participants.some((p) => p.attrs.get('id') === elementId)) return elementId;
  let e = byId.get(elementId);
  while (e && !isBpmn(e, 'process')) e = e.parent;
  const processId = e?.attrs.get('id');
  return participants.find((p) => p.attrs.get('processRef') === processId)?.attrs.get('id') ?? '';
}

/** An e-mail or SMS connector on a service task: Camunda 8 templates and task types, Camunda 7 topics and classes. */
function emailConnector(node: XmlElement): string | undefined {
  const template = node.attrs.get(`{${ZEEBE}}modelerTemplate`) ?? '';
  if (/sendgrid|twilio|mail|sms/i.test(template)) return `the connector template '${template}'`;
  const topic = node.attrs.get(`{${CAMUNDA}}topic`) ?? '';
  if (/mail|sms|notif/i.test(topic)) return `the external task topic '${topic}'`;
  const impl = node.attrs.get(`{${CAMUNDA}}class`) ?? node.attrs.get(`{${CAMUNDA}}delegateExpression`) ?? node.attrs.get(`{${CAMUNDA}}expression`) ?? '';
  if (/mail|sms/i.test(impl)) return `the implementation '${impl}'`;
  for (const e of descendants(node)) {
    if (e.uri !== ZEEBE) continue;
    const type = e.local === 'taskDefinition' ? (e.attrs.get('type') ?? '') : '';
    if (/mail|sms|sendgrid|twilio/i.test(type)) return `the task type '${type}'`;
  }
  return undefined;
}

/** The person or role assigned to a task: performers, then Camunda's assignee and groups. */
function performer(
  node: XmlElement,
  resources: Map<string, string>,
  actors: Obj,
  fresh: (base: string) => string,
  inferences: Inference[],
  path: NodePath,
): string | undefined {
  const roles = node.children.filter((c) => c.uri === BPMN && ['performer', 'potentialOwner', 'humanPerformer'].includes(c.local));
  let name: string | undefined;
  for (const role of roles) {
    const ref = role.children.find((c) => isBpmn(c, 'resourceRef'))?.text.trim();
    if (ref && resources.has(ref)) name = resources.get(ref);
    const expression = descendants(role).find((c) => c.local === 'formalExpression')?.text.trim();
    name ??= expression || undefined;
    if (name) break;
  }
  name ??= node.attrs.get(`{${CAMUNDA}}assignee`) ?? node.attrs.get(`{${CAMUNDA}}candidateGroups`)?.split(',')[0]?.trim();
  if (!name) {
    const assignment = descendants(node).find((c) => c.uri === ZEEBE && c.local === 'assignmentDefinition');
    name = assignment?.attrs.get('assignee') ?? assignment?.attrs.get('candidateGroups')?.split(',')[0]?.trim();
  }
  if (!name || name.startsWith('${') || name.startsWith('=')) return undefined;
  const existing = Object.entries(actors).find(([, a]) => (a as Obj)['name'] === name)?.[0];
  if (existing) return existing;
  const id = fresh(name);
  actors[id] = { name, type: 'human' };
  inferences.push({ path: ['actors', id], note: `human: the performer '${name}' of a task` });
  inferences.push({ path: [...path, 'actor'], note: `the performer '${name}'` });
  return id;
}

/** Positions of the BPMN elements the map's paths come from. */
class BpmnLocator implements SourceLocator {
  constructor(private readonly positions: BpmnMap['positions']) {}

  locate(path: NodePath): Range | undefined {
    for (let n = path.length; n >= 0; n--) {
      const found = this.positions.get(JSON.stringify(path.slice(0, n)));
      if (found) return { line: found.line, column: found.column, endLine: found.line, endColumn: found.column + found.length };
    }
    return undefined;
  }
}

/** The XML tree of a BPMN file, with only the elements pmlint reads. */
export function readBpmnXml(bytes: Uint8Array): ReturnType<typeof parseXml> {
  return parseXml(bytes, { prune: unread });
}

/** Reads a BPMN 2.0 XML file into the same parsed form as a YAML map, so every rule runs on it unchanged. */
export function parseBpmnMap(bytes: Uint8Array, lexicon: Lexicon = DEFAULT_LEXICON): ParseOutcome & { inferences?: Inference[] } {
  const xml = readBpmnXml(bytes);
  if (!xml.ok) return xml;
  const converted = bpmnToMap(xml.doc.root, lexicon);
  if ('fatal' in converted) return { ok: false, fatal: { message: converted.fatal, line: xml.doc.root.line, column: xml.doc.root.column } };
  const issues = [...converted.issues];
  if (xml.doc.encodingNote) issues.push({ message: xml.doc.encodingNote, path: ['process'], target: 'key' });
  return {
    ok: true,
    map: {
      data: converted.data,
      evidence: evidenceById(converted.data, converted.inferences),
      locator: new BpmnLocator(converted.positions),
      rootPath: ['process'],
      comments: xml.doc.comments,
      extraIssues: issues,
      implicitNext: false,
      // An empty model says so itself; the schema would only add that `steps` is empty.
      schemaChecked: (converted.data['steps'] as unknown[]).length > 0,
    },
    inferences: converted.inferences,
  };
}

/**
 * What was inferred about each step, system and actor, by id, so a finding that rests on it can say so.
 * Defaults ("names no customer and no system") and pass-through steps are left out: they carry no evidence.
 */
function evidenceById(data: Record<string, unknown>, inferences: readonly Inference[]): Map<string, string[]> {
  const steps = data['steps'] as { id: string }[];
  const out = new Map<string, string[]>();
  for (const { path, note } of inferences) {
    if (note.startsWith('human:') || note.startsWith('pass-through')) continue;
    const id = path[0] === 'steps' ? steps[path[1] as number]?.id : typeof path[1] === 'string' ? path[1] : undefined;
    if (id === undefined) continue;
    out.set(id, [...(out.get(id) ?? []), note]);
  }
  return out;
}
