// Nobody learns how the customer felt unless somebody asks.
import { contactLog, isSurvey } from '../src/model/customer-edge.js';
import { FlowGraph } from '../src/model/graph.js';
import { branchAfter, customersOf, freshId, notifier, wayInRuns } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'feedback-collected',
    category: 'rims',
    rims: 'I',
    severity: 'warn',
    description: 'After the human interactions of a process, every run to an end asks the customer for feedback (a survey).',
    rationale:
      'People remember how they felt, not how well they were processed. A process that never asks the customer how the meeting, the call or the ' +
      'visit went cannot learn where its human touch fails, and cannot improve it. After the key interaction with a person, every way to an end ' +
      'should pass a survey: a `send` to the customer with `purpose: survey`, or a step that writes to a `survey` system (NPS, CSAT).',
    messages: {
      noSurvey: 'after `{{id}}`, where a person deals with the customer, the way to `{{end}}` asks the customer for no feedback: nobody learns how they felt',
    },
  },
  checks: ({ model }) => (model.steps.some((s) => s.humanInteraction) ? 1 : 0),
  check({ model, report }) {
    const interactions = model.steps.filter((s) => s.humanInteraction);
    if (interactions.length === 0) return;
    const surveyed = (id: string): boolean => isSurvey(model, id);
    const { graph } = model;
    const unasked = graph.sinks().filter((id) => !surveyed(id));
    const routes = graph.routesTo(unasked, surveyed);
    for (const first of interactions) {
      if (surveyed(first.id) || !routes.has(first.id)) continue;
      const path = wayInRuns(model, first.id, unasked, surveyed, FlowGraph.follow(routes, first.id));
      if (!path) continue;
      // The survey belongs after the last person on that way: the key interaction, once the customer has met everyone.
      let key = first;
      for (const id of path) if (model.step(id)?.humanInteraction) key = model.step(id)!;
      const customer = customersOf(model, key)[0];
      // Just before the end that way reaches: on that way only, so no later meeting or branch is put behind a message.
      const end = path[path.length - 1]!;
      const closing = model.step(end)?.type === 'end' && path.length > 2 && path[path.length - 2] !== key.id;
      const after = closing ? path[path.length - 2]! : key.id;
      const branch = closing ? end : branchAfter(path, key.id);
      const tool = [...model.systems.values()].find((s) => s.type === 'survey')?.id;
      // The answer goes to the survey tool, and the contact is logged where the map logs contacts.
      const written = [...(tool ? [tool] : []), ...(contactLog(model).writes ?? [])];
      const sender = notifier(model, after, key.id);
      report({
        messageId: 'noSurvey',
        data: { id: key.id, end: path[path.length - 1]! },
        step: key,
        path: path.slice(path.indexOf(key.id)),
        ...(customer
          ? {
              suggestion: {
                title: `Ask the customer how \`${key.id}\` went: a short survey before \`${end}\``,
                after,
                ...(branch ? { branch } : {}),
                step: {
                  id: freshId(model, `survey-after-${key.id}`),
                  name: 'Ask the customer for feedback',
                  type: 'send' as const,
                  ...(sender ? { actor: sender } : {}),
                  to: customer,
                  purpose: 'survey' as const,
                  ...(written.length > 0 ? { writes: written } : {}),
                },
              },
            }
          : {}),
      });
      return; // one finding per process: the survey after its key interaction covers the rest
    }
  },
});
