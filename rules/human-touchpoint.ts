// A customer who only ever hears from machines has no relationship with the company, only with its software.
import { customersOf, freshId, personAmong, processLabel } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

interface Options {
  'min-ratio'?: number;
}

export default defineRule<Options>({
  meta: {
    id: 'human-touchpoint',
    category: 'handoff',
    rims: null,
    severity: 'warn',
    description: 'A map whose customer contacts are all automated: the customer never deals with a person.',
    rationale:
      'Automation at the customer front needs kid gloves. A process where every contact the company makes is an e-mail, an SMS or a web page ' +
      'is cheap and repeatable, but it has no human edge: nobody notices the customer who is about to leave, and nobody earns their loyalty. ' +
      'Contacts the customer makes themselves (booking online) are not counted: what matters is whether the company ever answers as a person. ' +
      'By default one human contact is enough; `min-ratio` asks for a share of them.',
    messages: {
      allAutomated: 'all {{count}} customer contacts in `{{process}}` are automated: the customer never deals with a person',
      tooFew: 'only {{human}} of {{count}} customer contacts in `{{process}}` are made by a person ({{percent}}%); `min-ratio` asks for at least {{wanted}}%',
    },
    schema: {
      type: 'object',
      properties: {
        'min-ratio': { type: 'number', minimum: 0, maximum: 1, description: 'The least share (0 to 1) of the company\'s customer contacts made by a person. Unset: at least one.' },
      },
      additionalProperties: false,
    },
  },
  checks: ({ model }) => (model.steps.some((s) => s.customerContact) ? 1 : 0),
  check({ model, options, report }) {
    const contacts = model.steps.filter((s) => s.customerContact && model.actors.get(s.actor ?? '')?.type !== 'customer');
    if (contacts.length === 0) return;
    const human = contacts.filter((s) => s.humanInteraction).length;
    const minRatio = options['min-ratio'];
    const short = minRatio === undefined ? human === 0 : human / contacts.length < minRatio;
    if (!short) return;

    const first = contacts.find((s) => !s.humanInteraction)!;
    const person = personAmong(model, [model.process.owner]);
    const customer = customersOf(model, first)[0];
    const data = { count: contacts.length, process: processLabel(model) };
    const suggestion =
      person && customer
        ? {
            title: `Have \`${person}\` call the customer after \`${first.id}\``,
            after: first.id,
            step: { id: freshId(model, `call-${customer}-after-${first.id}`), type: 'send' as const, actor: person, to: customer, channel: 'phone' },
          }
        : undefined;
    if (human === 0) {
      report({ messageId: 'allAutomated', data, suggestion });
      return;
    }
    const percent = Math.round((100 * human) / contacts.length);
    // No single step closes a ratio gap, so this finding names no missing activity.
    report({ messageId: 'tooFew', data: { ...data, human, percent, wanted: Math.round(100 * (minRatio ?? 0)) } });
  },
});
