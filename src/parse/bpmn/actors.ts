import type { NodePath } from '../../positions.js';
import type { XmlElement } from '../xml.js';
import { label, readableName, type Conversion, type Obj } from './context.js';
import { findWord } from './lexicon.js';
import { ACTIVITI, BPMN, CAMUNDA, children, descendants, FLOWABLE, isBpmn, ZEEBE } from './tree.js';

/** The map's actors, read from pools, processes, lanes and task performers, and who owns each element. */
export class Actors {
  /** The map's `actors` section. */
  readonly entries: Obj = {};
  /** Pools (participant ids) typed as the customer. */
  readonly customerPools = new Set<string>();
  /** BPMN element id (node, lane, pool, process) → actor id. */
  private readonly actorOf = new Map<string, string>();
  /** Resource id → its name. */
  private readonly resources = new Map<string, string>();
  private implicitCustomer: string | undefined;

  constructor(
    private readonly c: Conversion,
    participants: readonly XmlElement[],
    processes: readonly XmlElement[],
  ) {
    const poolOfProcess = new Map<string, string>();
    for (const p of participants) {
      const actor = this.add(p, this.typeByName(label(p) || (p.attrs.get('id') ?? 'pool'), 'pool'));
      this.actorOf.set(p.attrs.get('id') ?? '', actor);
      const processRef = p.attrs.get('processRef');
      if (processRef) {
        this.actorOf.set(processRef, actor);
        poolOfProcess.set(processRef, actor);
      }
      if (this.typeOf(actor) === 'customer') this.customerPools.add(p.attrs.get('id') ?? '');
    }
    // A process without a pool is the model's own process, run by the company: never the customer.
    for (const proc of processes) {
      const pid = proc.attrs.get('id') ?? '';
      if (!this.actorOf.has(pid)) this.actorOf.set(pid, this.add(proc, this.typeByName(label(proc) || pid || 'process', 'process', false)));
    }
    // Lanes in document order, so a parent lane is typed before the lanes inside it.
    for (const lane of c.all.filter((e) => isBpmn(e, 'lane'))) {
      const set = lane.parent;
      const parentLane = set?.parent && isBpmn(set.parent, 'lane') ? set.parent : undefined;
      let process: XmlElement | undefined = set;
      while (process && !isBpmn(process, 'process')) process = process.parent;
      const pool = poolOfProcess.get(process?.attrs.get('id') ?? '') ?? this.actorOf.get(process?.attrs.get('id') ?? '');
      // A tool's unnamed default lane (one per pool, as Signavio writes it) is no actor: the pool is.
      if (!label(lane) && !parentLane && set && children(set, 'lane').length === 1) continue;
      const inherited = parentLane ? this.actorOf.get(parentLane.attrs.get('id') ?? '') : pool;
      const name = label(lane) || readableName(lane);
      const type = inherited && (parentLane || this.typeOf(inherited) === 'customer') ? this.inherit(inherited, name, parentLane ? 'lane' : 'pool') : this.typeByName(name, 'lane');
      const actor = this.add(lane, type);
      this.actorOf.set(lane.attrs.get('id') ?? '', actor);
      for (const ref of children(lane, 'flowNodeRef')) this.actorOf.set(ref.text.trim(), actor); // nested lanes come later and win
    }
    for (const r of c.all.filter((e) => isBpmn(e, 'resource'))) this.resources.set(r.attrs.get('id') ?? '', label(r) || (r.attrs.get('id') ?? 'resource'));
  }

  /** An actor's type (`customer`, `human`, `system`), or undefined for an id that is no actor. */
  typeOf(actor: string): unknown {
    return (this.entries[actor] as Obj | undefined)?.['type'];
  }

  /** An actor read from a pool, process or lane, with the type already found and its reason. */
  private add(e: XmlElement, { type, inference }: Typing): string {
    const name = label(e) || readableName(e);
    const id = this.c.fresh(name, e.attrs.get('id'));
    this.entries[id] = { name, type };
    this.c.at(['actors', id], e);
    if (inference) this.c.infer(['actors', id], 'actor-type', type, inference.because, inference.evidence);
    return id;
  }

  /** A lane's type from the lane or pool around it. */
  private inherit(outer: string, name: string, what: string): Typing {
    const type = this.typeOf(outer) as string;
    return { type, inference: { because: `the lane '${name}' lies in the ${what} '${(this.entries[outer] as Obj)['name'] as string}'`, evidence: type === 'customer' } };
  }

  /**
   * An actor's type from its name: a customer word makes it the customer, unless a word for the
   * company's own unit or role says otherwise ("Customer Service", "Private Customer Account Manager").
   */
  private typeByName(name: string, what: string, mayBeCustomer = true): Typing {
    const { lexicon } = this.c;
    const customer = findWord(name, lexicon.customer);
    const unit = customer ? findWord(name, lexicon.organisation) : undefined;
    if (customer && unit) return { type: 'human', inference: { because: `the ${what} name '${name}' says '${customer}' but also '${unit}': the company's own unit or role`, evidence: false } };
    if (customer && mayBeCustomer) return { type: 'customer', inference: { because: `the ${what} name '${name}' says '${customer}'`, evidence: true } };
    const system = findWord(name, lexicon.system);
    if (system) return { type: 'system', inference: { because: `the ${what} name '${name}' says '${system}'`, evidence: true } };
    if (customer) return { type: 'human', inference: { because: `the ${what} '${name}' is the model's own process, run by the company, though its name says '${customer}'`, evidence: false } };
    return { type: 'human', inference: { because: `the ${what} '${name}' names no customer and no system`, evidence: false } };
  }

  /** Whether the element lies with the customer: in a customer pool or lane. */
  isCustomers(e: XmlElement): boolean {
    const owner = this.ownerOf(e);
    return owner !== undefined && this.typeOf(owner) === 'customer';
  }

  /** An actor as an inference names it: "the customer", or its name in quotes. */
  describe(actor: string): string {
    const entry = this.entries[actor] as Obj;
    return entry['type'] === 'customer' ? 'the customer' : `'${entry['name'] as string}'`;
  }

  /** The customer's actor: the customer pool, else an actor named as the customer, else one added for the purpose. */
  customer(): string {
    const pool = [...this.customerPools][0];
    if (pool) return this.actorOf.get(pool)!;
    const named = Object.entries(this.entries).find(([, a]) => (a as Obj)['type'] === 'customer');
    if (named) return named[0];
    if (!this.implicitCustomer) {
      this.implicitCustomer = this.c.fresh('customer');
      this.entries[this.implicitCustomer] = { name: 'Customer', type: 'customer' };
      this.c.infer(['actors', this.implicitCustomer], 'actor-added', 'added', 'a label names the customer, and the model has no customer pool or lane');
    }
    return this.implicitCustomer;
  }

  /**
   * The human actor a label's staff words name ("Operations Team"): an actor whose name says them, else
   * one added with that name.
   */
  staffNamed(phrase: string): string {
    const word = phrase.toLowerCase();
    const existing = Object.entries(this.entries).find(([, a]) => (a as Obj)['type'] === 'human' && findWord((a as Obj)['name'] as string, [word]));
    if (existing) return existing[0];
    const id = this.c.fresh(phrase);
    this.entries[id] = { name: phrase, type: 'human' };
    this.c.infer(['actors', id], 'actor-added', 'added', `a message's label names '${phrase}', the company's own people, whom no pool or lane shows`);
    return id;
  }

  /** The lane that lists the node, else the lane or pool of the sub-process or process around it. */
  ownerOf(e: XmlElement): string | undefined {
    for (let p: XmlElement | undefined = e; p; p = p.parent) {
      const actor = this.actorOf.get(p.attrs.get('id') ?? '');
      if (actor) return actor;
    }
    return undefined;
  }

  /** The person or role assigned to a task: performers, then Camunda's assignee and groups. */
  performer(node: XmlElement, path: NodePath): string | undefined {
    const name = assigneeOf(node, this.resources);
    if (!name || name.startsWith('${') || name.startsWith('=')) return undefined;
    const existing = Object.entries(this.entries).find(([, a]) => (a as Obj)['name'] === name)?.[0];
    if (existing) return existing;
    const id = this.c.fresh(name);
    this.entries[id] = { name, type: 'human' };
    this.c.infer(['actors', id], 'actor-type', 'human', `the performer '${name}' of a task`, false);
    this.c.infer([...path, 'actor'], 'performer', `the performer '${name}'`, '');
    return id;
  }
}

function assigneeOf(node: XmlElement, resources: ReadonlyMap<string, string>): string | undefined {
  const roles = node.children.filter((c) => c.uri === BPMN && ['performer', 'potentialOwner', 'humanPerformer'].includes(c.local));
  let name: string | undefined;
  for (const role of roles) {
    const ref = role.children.find((c) => isBpmn(c, 'resourceRef'))?.text.trim();
    if (ref && resources.has(ref)) name = resources.get(ref);
    const expression = descendants(role).find((c) => c.local === 'formalExpression')?.text.trim();
    name ??= expression || undefined;
    if (name) break;
  }
  for (const ns of [CAMUNDA, FLOWABLE, ACTIVITI]) {
    name ??= node.attrs.get(`{${ns}}assignee`) ?? firstOf(node.attrs.get(`{${ns}}candidateGroups`)) ?? firstOf(node.attrs.get(`{${ns}}candidateUsers`));
  }
  if (!name) {
    const assignment = descendants(node).find((c) => c.uri === ZEEBE && c.local === 'assignmentDefinition');
    name = assignment?.attrs.get('assignee') ?? firstOf(assignment?.attrs.get('candidateGroups'));
  }
  return name;
}

function firstOf(list: string | undefined): string | undefined {
  return list?.split(',')[0]?.trim() || undefined;
}

interface Typing {
  type: string;
  inference?: { because: string; evidence: boolean };
}
