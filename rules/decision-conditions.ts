// A decision whose branches carry no conditions leaves each person to decide differently: the process is no longer repeatable.
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'decision-conditions',
    category: 'structure',
    rims: null,
    severity: 'error',
    description: 'Every branch of a `decision` has a `when` condition, except one `default: true` branch; a decision has two branches or more.',
    rationale:
      'A decision is where people choose what happens to a customer. If a branch carries no condition, each person decides differently ' +
      'and the process stops being repeatable; a decision with a single branch decides nothing and hides a missing alternative (what happens when the customer says no?).',
    messages: {
      fewBranches: 'the decision `{{id}}` has {{count}} branch{{plural}}: a decision needs at least two (list them in `next` with `when`)',
      noCondition: 'the branch from `{{id}}` to `{{to}}` has no `when` condition: say when it is taken, or mark the one fallback branch `default: true`',
      manyDefaults: 'the decision `{{id}}` has more than one `default: true` branch (this one, to `{{to}}`): only one branch can be the fallback',
    },
  },
  check({ model, report }) {
    for (const step of model.steps) {
      if (step.type !== 'decision') continue;
      if (step.next.length < 2) {
        const count = step.next.length;
        report({ messageId: 'fewBranches', data: { id: step.id, count: count === 0 ? 'no' : count, plural: count === 1 ? '' : 'es' }, step });
      }
      let defaults = 0;
      for (const flow of step.next) {
        if (flow.default) {
          defaults++;
          if (defaults > 1) report({ messageId: 'manyDefaults', data: { id: step.id, to: flow.to }, step, at: flow.path });
        } else if (flow.when === undefined && step.next.length >= 2) {
          report({ messageId: 'noCondition', data: { id: step.id, to: flow.to }, step, at: flow.path });
        }
      }
    }
  },
});
