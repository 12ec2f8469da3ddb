// A booking that never reaches the staff calendar: the customer is expected by a website and by nobody else.
import { missingLiveCalendar, writes } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'schedule-writes-calendar',
    category: 'scheduling',
    rims: null,
    severity: 'error',
    description: 'A `schedule` step writes the booking to a calendar (itself, or in a step on every path after it).',
    rationale:
      'A booking that stays in the booking tool does not block the salesperson\'s time and is not on anyone\'s day plan: the slot is given away twice, ' +
      'or the customer arrives unannounced. The booking must be written into a `calendar` system, by the `schedule` step itself or by a step on ' +
      'every path after it.',
    messages: {
      noCalendar: '`{{id}}` books an appointment but writes it to no calendar: the booking never reaches the staff calendar',
      otherSystems: '`{{id}}` books an appointment but writes it only to {{systems}}, no calendar: the booking never reaches the staff calendar',
    },
  },
  checks: ({ model }) => model.steps.filter((s) => s.type === 'schedule').length,
  check({ model, report }) {
    const { graph } = model;
    const writesCalendar = (id: string): boolean => writes(model, model.step(id)!, 'calendar');
    const unwritten = graph.routesTo(graph.sinks().filter((id) => !writesCalendar(id)), writesCalendar);
    const calendars = [...model.systems.values()].filter((s) => s.type === 'calendar');

    for (const step of model.steps) {
      if (step.type !== 'schedule' || writesCalendar(step.id) || !unwritten.has(step.id)) continue;
      // Prefer the live calendar the booking read, then a person's live calendar, then any calendar.
      const calendar =
        calendars.find((c) => c.live && step.reads.includes(c.id)) ??
        calendars.find((c) => c.live && model.actors.get(c.owner ?? '')?.type === 'human') ??
        calendars.find((c) => c.live) ??
        calendars[0];
      // The booking itself writes into the calendar; with none in the map, into the booked person's, added with it.
      const added = calendar ? undefined : missingLiveCalendar(model, step);
      const into = calendar?.id ?? added!.id;
      const suggestion = {
        title: `Write the booking from \`${step.id}\` into \`${into}\``,
        after: step.id,
        step: { id: step.id, type: 'schedule' as const, ...(step.actor ? { actor: step.actor } : {}), writes: [...step.writes, into] },
        extend: { step: step.id, add: { writes: [into] } },
        ...(added ? { systems: { [added.id]: added.system } } : {}),
      };
      const known = step.writes.filter((id) => model.systems.has(id));
      if (known.length > 0) report({ messageId: 'otherSystems', data: { id: step.id, systems: known }, step, suggestion });
      else report({ messageId: 'noCalendar', data: { id: step.id }, step, suggestion });
    }
  },
});
