import type { NodePath } from '../../positions.js';
import type { XmlElement } from '../xml.js';
import { label, type Conversion, type Obj } from './context.js';
import { findWord } from './lexicon.js';
import { BPMN, CAMUNDA, children, descendants, isBpmn, ZEEBE } from './tree.js';

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
    for (const p of participants) {
      const actor = this.add(p, 'pool', p.attrs.get('id') ?? 'pool');
      this.actorOf.set(p.attrs.get('id') ?? '', actor);
      const processRef = p.attrs.get('processRef');
      if (processRef) this.actorOf.set(processRef, actor);
      if (this.typeOf(actor) === 'customer') this.customerPools.add(p.attrs.get('id') ?? '');
    }
    for (const proc of processes) {
      const pid = proc.attrs.get('id') ?? '';
      if (!this.actorOf.has(pid)) this.actorOf.set(pid, this.add(proc, 'process', pid || 'process'));
    }
    for (const lane of c.all.filter((e) => isBpmn(e, 'lane'))) {
      const actor = this.add(lane, 'lane', lane.attrs.get('id') ?? 'lane');
      for (const ref of children(lane, 'flowNodeRef')) this.actorOf.set(ref.text.trim(), actor); // nested lanes come later and win
    }
    for (const r of c.all.filter((e) => isBpmn(e, 'resource'))) this.resources.set(r.attrs.get('id') ?? '', label(r) || (r.attrs.get('id') ?? 'resource'));
  }

  private typeOf(actor: string): unknown {
    return (this.entries[actor] as Obj)['type'];
  }

  private add(e: XmlElement, what: string, fallback: string): string {
    const name = label(e) || fallback;
    const id = this.c.fresh(name, e.attrs.get('id'));
    this.entries[id] = { name, type: this.typeByName(name, ['actors', id], what) };
    this.c.at(['actors', id], e);
    return id;
  }

  /** An actor's type from its name: a customer word makes it the customer, unless a unit word makes it the company's. */
  private typeByName(name: string, path: NodePath, what: string): string {
    const { lexicon } = this.c;
    const customer = findWord(name, lexicon.customer);
    const unit = customer ? findWord(name, lexicon.organisation) : undefined;
    if (customer && unit) {
      this.c.infer(path, 'actor-type', 'human', `the ${what} name '${name}' says '${customer}' but also '${unit}': the company's own unit`, false);
      return 'human';
    }
    if (customer) {
      this.c.infer(path, 'actor-type', 'customer', `the ${what} name '${name}' says '${customer}'`);
      return 'customer';
    }
    const system = findWord(name, lexicon.system);
    if (system) {
      this.c.infer(path, 'actor-type', 'system', `the ${what} name '${name}' says '${system}'`);
      return 'system';
    }
    this.c.infer(path, 'actor-type', 'human', `the ${what} '${name}' names no customer and no system`, false);
    return 'human';
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
      this.c.infer(['actors', this.implicitCustomer], 'actor-added', 'added', 'the model sends messages to someone outside it, and names no customer pool or lane');
    }
    return this.implicitCustomer;
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
  name ??= node.attrs.get(`{${CAMUNDA}}assignee`) ?? node.attrs.get(`{${CAMUNDA}}candidateGroups`)?.split(',')[0]?.trim();
  if (!name) {
    const assignment = descendants(node).find((c) => c.uri === ZEEBE && c.local === 'assignmentDefinition');
    name = assignment?.attrs.get('assignee') ?? assignment?.attrs.get('candidateGroups')?.split(',')[0]?.trim();
  }
  return name;
}
