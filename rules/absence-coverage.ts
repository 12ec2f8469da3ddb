// The salesperson is off that day, nobody covers, and the booking tool never looked at their calendar.
import { calendarOf, entrySteps, freshId, interactionsByActor, notifier, reachedInRuns } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'absence-coverage',
    category: 'scheduling',
    rims: null,
    severity: 'warn',
    description:
      'A person who meets customers and has no `backup` is booked only after reading their own live calendar.',
    rationale:
      'People are ill, on holiday or at a training day. When a customer is booked with someone who has no backup, and the booking does not read ' +
      'that person\'s live calendar, the customer arrives on the day they are away and nobody takes over. Either name a `backup` for the actor, ' +
      'or make the booking (or a step on every path before it) read their live calendar.',
    messages: {
      uncovered:
        '`{{actor}}` has no `backup`, and `{{booking}}` books customers with `{{actor}}` without reading `{{actor}}`\'s live calendar: when `{{actor}}` is away, nobody takes over',
      noCalendar:
        '`{{actor}}` has no `backup` and no live calendar of their own in the map, and `{{booking}}` books customers with `{{actor}}`: when `{{actor}}` is away, nobody takes over',
    },
  },
  checks: ({ model }) => model.steps.filter((s) => s.type === 'schedule').length * interactionsByActor(model).size,
  check({ model, report }) {
    const entries = entrySteps(model);
    const isSchedule = (id: string): boolean => model.step(id)!.type === 'schedule';
    for (const [actor, meetings] of interactionsByActor(model)) {
      if (model.actors.get(actor)?.backup !== undefined) continue;
      // The schedule steps that book this actor: the last booking on a path to one of their meetings, or one naming them.
      const toMeeting = model.graph.routesTo(meetings.map((m) => m.id), isSchedule);
      const bookings = model.steps.filter(
        (s) => s.type === 'schedule' && (toMeeting.has(s.id) || s.with.includes(actor) || s.to.includes(actor)),
      );
      if (bookings.length === 0) continue;
      const own = [...model.systems.values()].find((s) => s.type === 'calendar' && s.live && s.owner === actor);
      const readsOwn = (id: string): boolean => own !== undefined && model.step(id)!.reads.includes(own.id);
      const unchecked = reachedInRuns(model, entries, readsOwn);
      for (const booking of bookings) {
        if (readsOwn(booking.id) || !unchecked.has(booking.id)) continue;
        const before = model.graph.predecessors(booking.id).find((p) => unchecked.has(p) && !readsOwn(p));
        const sender = notifier(model, before, booking.id) ?? booking.actor;
        // Without a live calendar of theirs, the plan adds one with the step that reads it.
        const added = own ? undefined : calendarOf(model, actor);
        const calendar = own?.id ?? added!.id;
        report({
          messageId: own ? 'uncovered' : 'noCalendar',
          data: { actor, booking: booking.id },
          step: booking,
          suggestion: {
            title: `Check \`${calendar}\` live for \`${actor}\`'s absences before \`${booking.id}\``,
            after: before ?? null,
            ...(before ? { branch: booking.id } : {}),
            step: { id: freshId(model, `check-${actor}-availability`), type: 'task', ...(sender ? { actor: sender } : {}), reads: calendar },
            ...(added ? { systems: { [added.id]: added.system } } : {}),
          },
        });
      }
    }
  },
});
