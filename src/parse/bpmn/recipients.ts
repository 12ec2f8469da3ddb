import type { NodePath } from '../../positions.js';
import type { XmlElement } from '../xml.js';
import type { Actors } from './actors.js';
import { readableName, type Conversion, type Obj } from './context.js';
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
export function addressee(c: Conversion, node: XmlElement, { name, path, step }: Sending, actors: Actors, routes: MessageRoutes): void {
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
  const named = findWord(name, c.lexicon.customer);
  const staff = findWord(name, c.lexicon.staff);
  if (named && !staff) {
    step['to'] = actors.customer();
    c.infer([...path, 'to'], 'recipient', 'the customer', `the label names '${named}', and no message flow says who receives it`);
  } else if (staff) {
    c.infer(path, 'not-contact', 'not a customer contact', `the label '${name}' names '${staff}', the company's own people`);
  } else {
    c.infer(path, 'not-contact', 'recipient unknown', `no message flow says who receives it and the label names nobody, so it is no customer contact`, false);
  }
}

/** The message flows of a model by source and by target element. */
export function messageRoutes(messageFlows: readonly XmlElement[]): MessageRoutes {
  const from = new Map<string, XmlElement[]>();
  const to = new Map<string, XmlElement[]>();
  const add = (map: Map<string, XmlElement[]>, key: string, f: XmlElement): void => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  for (const f of messageFlows) {
    add(from, f.attrs.get('sourceRef') ?? '', f);
    add(to, f.attrs.get('targetRef') ?? '', f);
  }
  return { from, to };
}
