// A salesperson booked beyond their week cannot greet anyone properly: the human edge is the first thing to go.
import { roundForPeople, weeklyLoad } from '../src/model/load.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'capacity-exceeded',
    category: 'rims',
    rims: 'S',
    severity: 'warn',
    description: 'No person is expected to perform more steps a week than their `capacity`, given `process.volume` and the branch `share`s.',
    rationale:
      'A process scales when the people in it can carry its volume. pmlint estimates each person\'s weekly load from the process volume, ' +
      'the share of instances taking each branch (an equal split on a decision unless `share` says otherwise, every branch of a parallel gateway) ' +
      'and the steps they perform. What goes round a loop counts each round: a branch that loops back with share p counts the steps on ' +
      'the loop 1/(1-p) times, the expected number of rounds (a retry loop that half the attempts repeat doubles the load). ' +
      'A person booked beyond their capacity rushes the very meetings that make the customer feel known.',
    messages: {
      over: '`{{actor}}` is expected to perform about {{load}} steps a week, over their capacity of {{capacity}} a week, at a volume of {{volume}}',
    },
  },
  checks: ({ model }) =>
    model.process.volume === undefined ? 0 : [...model.actors.values()].filter((a) => a.type === 'human' && a.capacity !== undefined).length,
  check({ model, report }) {
    const volume = model.process.volume;
    if (volume === undefined) return;
    for (const [id, load] of weeklyLoad(model)) {
      const actor = model.actors.get(id)!;
      if (actor.capacity === undefined || load <= actor.capacity.perWeek + 1e-9) continue;
      report({
        messageId: 'over',
        data: { actor: id, load: roundForPeople(load), capacity: roundForPeople(actor.capacity.perWeek), volume: volume.text },
        at: [...actor.path, 'capacity'],
      });
    }
  },
});
