import type { NodePath } from '../../positions.js';
import { pushTo } from '../../util/list.js';
import type { XmlElement } from '../xml.js';
import type { Actors } from './actors.js';
import { readableName, type Conversion, type Obj } from './context.js';
import { connectorInputs, emailConnector } from './connectors.js';
import { findWord } from './lexicon.js';

/** Where messages go: what the steps need to know of pools and message flows. */
export interface MessageRoutes {
  /** Source element id → its message flows, in order. */
  from: ReadonlyMap<string, XmlElement[]>;
  /** Target element id → the message flows that end there. */
  to: ReadonlyMap<string, XmlElement[]>;
}

interface Sending {
  name: string;
  path: NodePath;
  step: Obj;
  /** The connector that sends the message, said for people. */
  contact: string | undefined;
}

/**
 * Who a message goes to. Its message flows say it: the actor of the pool or lane each one ends in.
 * Without a message flow only the label can say it (a customer word, or the company's own people);
 * otherwise the recipient is unknown, and the step is no contact with anyone pmlint knows of.
 */
export function addressee(c: Conversion, node: XmlElement, { name, path, step, contact }: Sending, actors: Actors, routes: MessageRoutes): void {
  const sent = routes.from.get(node.attrs.get('id') ?? '') ?? [];
  if (sent.length > 0) {
    const to: string[] = [];
    for (const flow of sent) {
      const target = c.byId.get(flow.attrs.get('targetRef') ?? '');
      const actor = target ? actors.ownerOf(target) : undefined;
      if (!target || !actor || to.includes(actor)) continue;
      to.push(actor);
      const where = target.local === 'participant' ? `the pool '${readableName(target)}'` : `'${readableName(target)}' in ${actors.describe(actor)}`;
      c.infer([...path, 'to'], 'recipient', actors.describe(actor), `a message flow goes to ${where}`);
    }
    if (to.length > 0) step['to'] = to.length === 1 ? to[0] : to;
    return;
  }
  // The connector's settings address the customer ("to.email" is "= applicant.email").
  const input = (contact ?? emailConnector(node)) ? customerInput(c, node) : undefined;
  if (input) {
    step['to'] = actors.customer();
    c.infer([...path, 'to'], 'recipient', 'the customer', `the connector's input '${input.name}' names '${input.word}', and no message flow says who receives it`);
    return;
  }
  const named = findWord(name, c.lexicon.customer);
  const staff = findWord(name, c.lexicon.staff);
  if (named && !staff) {
    step['to'] = actors.customer();
    c.infer([...path, 'to'], 'recipient', 'the customer', `the label names '${named}', and no message flow says who receives it`);
  } else if (staff) {
    const person = actors.staffNamed(staffPhrase(name, c.lexicon.staff));
    step['to'] = person;
    c.infer([...path, 'to'], 'recipient', actors.describe(person), `the label '${name}' names the company's own people, and no message flow says who receives it`);
  } else {
    c.infer(path, 'not-contact', 'recipient unknown', `no message flow says who receives it and the label names nobody, so it is no customer contact`, false);
  }
}

/**
 * The people a task (not a message) deals with through its message flows: a task in the company's pool
 * whose message flow goes to the customer's pool works with the customer ("Deliver items").
 */
export function counterparts(c: Conversion, node: XmlElement, path: NodePath, step: Obj, actors: Actors, routes: MessageRoutes): void {
  const customers: string[] = [];
  for (const flow of [...(routes.from.get(node.attrs.get('id') ?? '') ?? []), ...(routes.to.get(node.attrs.get('id') ?? '') ?? [])]) {
    const other = c.byId.get(flow.attrs.get(flow.attrs.get('sourceRef') === node.attrs.get('id') ? 'targetRef' : 'sourceRef') ?? '');
    const actor = other ? actors.ownerOf(other) : undefined;
    if (!other || !actor || actors.typeOf(actor) !== 'customer' || customers.includes(actor)) continue;
    customers.push(actor);
    c.infer([...path, 'with'], 'recipient', 'the customer', `a message flow connects it with '${readableName(other)}' in the customer's pool`);
  }
  if (customers.length > 0) step['with'] = customers.length === 1 ? customers[0] : customers;
}

/** The first input of the task's connector whose value names a customer word. */
function customerInput(c: Conversion, node: XmlElement): { name: string; word: string } | undefined {
  for (const input of connectorInputs(node)) {
    const word = findWord(input.value, c.lexicon.customer);
    if (word) return { name: input.name, word };
  }
  return undefined;
}

/** The staff words of a label and the words between them, as the label writes them ("Operations Team"). */
function staffPhrase(label: string, staff: readonly string[]): string {
  const words = label.split(/[^\p{L}\p{N}-]+/u).filter(Boolean);
  const hits = words.flatMap((w, i) => (findWord(w, staff) ? [i] : []));
  if (hits.length === 0) return findWord(label, staff) ?? label;
  const first = hits[0]!;
  const last = hits.filter((i) => i - first <= 2).pop()!;
  return words.slice(first, last + 1).join(' ');
}

/** The message flows of a model by source and by target element. */
export function messageRoutes(messageFlows: readonly XmlElement[]): MessageRoutes {
  const from = new Map<string, XmlElement[]>();
  const to = new Map<string, XmlElement[]>();
  for (const f of messageFlows) {
    pushTo(from, f.attrs.get('sourceRef') ?? '', f);
    pushTo(to, f.attrs.get('targetRef') ?? '', f);
  }
  return { from, to };
}
