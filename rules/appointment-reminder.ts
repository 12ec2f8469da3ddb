// A booking made days ahead and never recalled is a no-show waiting to happen.
import { FlowGraph } from '../src/model/graph.js';
import { contactLog } from '../src/model/customer-edge.js';
import { customersOf, freshId, notifier } from '../src/model/queries.js';
import type { ProcessModel, Step } from '../src/model/types.js';
import { defineRule } from '../src/rule.js';

/** Bookings with a customer: `schedule` steps whose actor, `to` or `with` is a customer actor. */
const bookings = (model: ProcessModel): Step[] => model.steps.filter((s) => s.type === 'schedule' && customersOf(model, s).length > 0);

export default defineRule({
  meta: {
    id: 'appointment-reminder',
    category: 'scheduling',
    rims: null,
    severity: 'warn',
    description: 'When time passes between a booking and the meeting (a `wait`), the customer is reminded after the wait and before the meeting.',
    rationale:
      'An appointment booked a week ahead is easily forgotten. When the map waits between the booking and the meeting, and nothing reaches the ' +
      'customer after the wait, the salesperson keeps the slot free for a customer who does not come, and a customer who does come may have ' +
      'forgotten what to bring. A reminder shortly before the meeting, with the appointment, cuts no-shows.',
    messages: {
      noReminder:
        '`{{booking}}` books the customer into `{{meeting}}`, but after `{{wait}}` nothing reaches the customer before the meeting: no reminder, so no-shows',
    },
  },
  checks: ({ model }) => bookings(model).length,
  check({ model, report }) {
    const candidates = bookings(model);
    if (candidates.length === 0) return;
    const { graph } = model;
    const meetings = model.steps.filter((s) => s.type === 'meeting' && s.customerContact).map((s) => s.id);
    if (meetings.length === 0) return;
    const isMeeting = new Set(meetings);
    // Which steps reach a meeting with no customer contact on the way (the meeting itself aside)?
    const contact = (id: string): boolean => model.step(id)!.customerContact;
    const unreminded = graph.routesTo(meetings, contact);
    for (const booking of candidates) {
      // Between this booking and the meetings it leads to.
      const ahead = graph.reachableFrom([booking.id], (id) => isMeeting.has(id) || id === booking.id);
      // The waits after which the customer hears nothing until a meeting; the last of them on its way, where the reminder belongs.
      const waits = [...ahead].filter((id) => id !== booking.id && model.step(id)!.type === 'wait' && unreminded.has(id));
      const last = waits.find((w) => !FlowGraph.follow(unreminded, w).slice(1, -1).some((id) => model.step(id)!.type === 'wait'));
      if (last === undefined) continue;
      const rest = FlowGraph.follow(unreminded, last);
      const meeting = rest[rest.length - 1]!;
      const lead = graph.findPath([booking.id], (id) => id === last, (id) => isMeeting.has(id)) ?? [booking.id, last];
      const path = [...lead, ...rest.slice(1)];
      const customer = customersOf(model, booking)[0]!;
      const sender = notifier(model, booking.id, last);
      const channel = booking.channel === 'sms' || booking.channel === 'email' ? booking.channel : undefined;
      report({
        messageId: 'noReminder',
        data: { booking: booking.id, meeting, wait: last },
        step: booking,
        path,
        suggestion: {
          title: `Remind the customer of \`${meeting}\` after \`${last}\`, with the appointment`,
          after: last,
          branch: rest[1]!,
          step: {
            id: freshId(model, `remind-${customer}-of-${meeting}`),
            name: 'Remind the customer of the appointment',
            type: 'send',
            ...(sender ? { actor: sender } : {}),
            to: customer,
            ...(channel ? { channel } : {}),
            shares: ['appointment'],
            ...contactLog(model),
          },
        },
      });
    }
  },
});
