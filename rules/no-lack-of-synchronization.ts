// A step that runs twice at once sends the customer two confirmations and books two people.
import { freshId, passesThrough } from '../src/model/queries.js';
import type { Step } from '../src/model/types.js';
import { defineRule, type Suggestion } from '../src/rule.js';
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
        'so everything after it happens twice; {{advice}}',
      direct:
        '`{{step}}` can run twice at once: the parallel split `{{split}}` flows to it directly and through `{{second}}`, ' +
        'so everything after it happens twice; {{advice}}',
      loop:
        '`{{step}}` can run twice at once: the loop through `{{split}}` sends a token towards it on every round while earlier ones ' +
        'are still on their way; end that parallel branch, or join it before the loop goes round',
    },
  },
  check({ model, report }) {
    /** The quick fix: a gateway that only merges becomes the join; before any other step, a `parallel` join is put in. */
    const joinBefore = (step: Step, split: string, merging: readonly string[]): Suggestion => {
      const title = `Join the branches of \`${split}\` before \`${step.id}\`, so that it runs once`;
      // A pass-through merge (a `wait` for nothing, a decision with one way on) can itself be the join.
      if (passesThrough(step)) {
        return { title, after: step.id, step: { type: 'parallel' }, extend: { step: step.id, add: {}, set: { type: 'parallel' } } };
      }
      const id = freshId(model, `join-before-${step.id}`);
      return { title, after: merging[0]!, branch: step.id, step: { id, name: `Both branches of ${split} done`, type: 'parallel' }, from: merging.slice(1) };
    };
    for (const d of soundness(model).doubleRuns) {
      // A branch that is the flow straight from the split to the step is said as such.
      const direct = d.how === 'branches' && d.branches.includes(d.step);
      const [first, second] = direct ? [d.step, d.branches.find((b) => b !== d.step) ?? d.step] : d.branches;
      const advice = d.merging
        ? 'make the branches meet at a `parallel` join before it'
        : 'no run may bring both to it: end one of the branches, or join them where both always arrive';
      const data = { step: d.step, split: d.split, first, second, advice };
      const step = model.step(d.step)!;
      const suggestion = d.merging ? joinBefore(step, d.split, d.merging) : undefined;
      report({ messageId: direct ? 'direct' : d.how, data, step, path: d.path, ...(suggestion ? { suggestion } : {}) });
    }
  },
});
