import type { Actors } from './actors.js';
import { readableName, type Conversion, type Obj } from './context.js';
import type { Steps } from './steps.js';

/**
 * A user task right after an automated contact with the customer lands in its performer's task list:
 * the process engine hands the case over to that person. The map says so with a `send` from the
 * automation to the performer (a work item) between the two, so the hand-over rules see it, in BPMN and
 * in the converted YAML alike.
 */
export function addWorkItems(c: Conversion, steps: Steps, actors: Actors): void {
  const count = steps.list.length;
  const indexOf = new Map(steps.list.map((step, i) => [step['id'] as string, i]));
  for (let i = 0; i < count; i++) {
    const contact = steps.list[i]!;
    if (!isAutomatedCustomerContact(contact, actors)) continue;
    const flows = nextOf(contact);
    flows.forEach((flow, k) => {
      const target = indexOf.get(flow.to);
      const node = target === undefined ? undefined : steps.nodes[target];
      const task = target === undefined ? undefined : steps.list[target]!;
      const person = task?.['actor'] as string | undefined;
      if (node?.local !== 'userTask' || !person || actors.typeOf(person) !== 'human') return;
      const index = steps.list.length;
      const id = c.fresh(`${task!['id'] as string} work item`);
      steps.list.push({ id, name: `Work item '${readableName(node)}'`, type: 'send', actor: contact['actor'], automated: true, to: person, next: flow.to });
      c.at(['steps', index], node);
      c.at(['steps', index, 'id'], node);
      c.infer(
        ['steps', index],
        'work-item',
        `a hand-over to ${actors.describe(person)}`,
        `the user task '${readableName(node)}' follows the automated contact \`${contact['id'] as string}\`, so the process engine puts it in the task list of ${actors.describe(person)}`,
      );
      flows[k] = { ...flow, to: id };
    });
    if (flows.length > 0) contact['next'] = flows.map((f) => (Object.keys(f).length === 1 ? f.to : f));
  }
}

function isAutomatedCustomerContact(step: Obj, actors: Actors): boolean {
  if (step['automated'] !== true) return false;
  const named = [step['to'], step['with']].flat().filter((a): a is string => typeof a === 'string');
  return named.some((a) => actors.typeOf(a) === 'customer');
}

/** A step's flows as objects, whether written as bare ids or with conditions. */
function nextOf(step: Obj): ({ to: string } & Obj)[] {
  const next = step['next'];
  const list = Array.isArray(next) ? next : next === undefined ? [] : [next];
  return list.map((f: unknown) => (typeof f === 'string' ? { to: f } : (f as { to: string } & Obj)));
}
