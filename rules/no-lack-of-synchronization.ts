// A step that runs twice at once sends the customer two confirmations and books two people.
import { defineRule } from '../src/rule.js';
import { soundness } from '../src/model/soundness.js';

export default defineRule({
  meta: {
    id: 'no-lack-of-synchronization',
    category: 'structure',
    rims: null,
    severity: 'error',
    description: 'No step other than a `parallel` join or an `end` can be reached twice at once by one run.',
    rationale:
      'The branches of a `parallel` split all run. When they meet again at a plain step or a decision instead of a `parallel` join, ' +
      'that step runs once for each branch, and so does everything after it: the customer gets two confirmations, two salespeople ' +
      'are booked, the offer is sent twice.',
    messages: {
      branches:
        '`{{step}}` can run twice at once: the branches `{{first}}` and `{{second}}` of the parallel split `{{split}}` both reach it, ' +
        'so everything after it happens twice; make the branches meet at a `parallel` join before it',
      loop:
        '`{{step}}` can run twice at once: the loop through `{{split}}` sends a token towards it on every round while earlier ones ' +
        'are still on their way; end that parallel branch, or join it before the loop goes round',
    },
  },
  check({ model, report }) {
    for (const d of soundness(model).doubleRuns) {
      const data = { step: d.step, split: d.split, first: d.branches[0], second: d.branches[1] };
      report({ messageId: d.how, data, step: model.step(d.step)!, path: d.path });
    }
  },
});
