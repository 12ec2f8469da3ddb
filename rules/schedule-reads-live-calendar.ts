// Booking from a calendar copy puts the customer in a slot when the salesperson is off.
import { entrySteps, freshId, isLiveCalendar, missingLiveCalendar, notifier, reachedInRuns, systemsOfType } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'schedule-reads-live-calendar',
    category: 'scheduling',
    rims: null,
    severity: 'error',
    description: 'A `schedule` step reads a live calendar (itself, or in a step on every path before it that offers the free slots).',
    rationale:
      'Online booking that reads no calendar, or a nightly copy of one, offers slots in which nobody is free: the salesperson is on holiday, ' +
      'ill, or already booked, and the customer finds that out at the door. The booking must rest on the staff\'s live calendar: read by ' +
      'the `schedule` step itself, or by a step on every path before it (the step that offers the free slots).',
    messages: {
      noCalendar: '`{{id}}` books an appointment without reading any calendar: it cannot know who is free',
      otherSystems: '`{{id}}` books an appointment reading {{systems}}, but no calendar: it cannot know who is free',
      notLive: '`{{id}}` books an appointment from {{systems}}, which {{verb}} not live: a copy does not know who is off today',
    },
  },
  checks: ({ model }) => model.steps.filter((s) => s.type === 'schedule').length,
  check({ model, report }) {
    const readsLive = (id: string): boolean => model.step(id)!.reads.some((s) => isLiveCalendar(model, s));
    const unchecked = reachedInRuns(model, entrySteps(model), readsLive);
    const live = [...model.systems.values()].filter((s) => s.type === 'calendar' && s.live);
    const calendar = live.find((s) => model.actors.get(s.owner ?? '')?.type === 'human') ?? live[0];

    for (const step of model.steps) {
      if (step.type !== 'schedule' || readsLive(step.id) || !unchecked.has(step.id)) continue;
      const calendars = systemsOfType(model, step.reads, 'calendar');
      const known = step.reads.filter((id) => model.systems.has(id));
      const before = model.graph.predecessors(step.id).find((p) => unchecked.has(p) && !readsLive(p));
      const sender = notifier(model, before, step.id) ?? step.actor;
      // With no live calendar in the map, the plan adds the booked person's calendar too.
      const added = calendar ? undefined : missingLiveCalendar(model, step);
      const read = calendar?.id ?? added!.id;
      const suggestion = {
        title: `Read \`${read}\` live and offer only its free slots before \`${step.id}\``,
        after: before ?? null,
        ...(before ? { branch: step.id } : {}),
        step: {
          id: freshId(model, `offer-free-slots-for-${step.id}`),
          type: 'task' as const,
          ...(sender ? { actor: sender } : {}),
          reads: read,
        },
        ...(added ? { systems: { [added.id]: added.system } } : {}),
      };
      if (calendars.length > 0) {
        report({ messageId: 'notLive', data: { id: step.id, systems: calendars, verb: calendars.length === 1 ? 'is' : 'are' }, step, suggestion });
      } else if (known.length > 0) {
        report({ messageId: 'otherSystems', data: { id: step.id, systems: known }, step, suggestion });
      } else {
        report({ messageId: 'noCalendar', data: { id: step.id }, step, suggestion });
      }
    }
  },
});
