// A marketing message the customer cannot say no to breaks the law and the relationship.
import { automatedMarketing } from '../src/model/customer-edge.js';
import { idList } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'marketing-opt-out',
    category: 'consent',
    rims: null,
    severity: 'error',
    description: 'Every automated marketing message carries a way to opt out of more (`opt-out: true`).',
    rationale:
      'The law asks it of every marketing message. In the EU, the ePrivacy Directive (2002/58/EC, art. 13(2)) lets a company e-mail its own customers ' +
      'about similar products only if each message gives them a clear, free and easy way to object to more. In the US, CAN-SPAM asks every commercial ' +
      'e-mail to say how to opt out, and to honour the opt-out within ten business days. A message that makes an offer is marketing unless the map ' +
      'says otherwise (`purpose`). A customer who cannot say "no more" says it by leaving. ' +
      'This page explains the rule in plain words; it is not legal advice: ask your counsel what applies to your messages.',
    messages: {
      noOptOut: '`{{id}}` is an automated marketing message{{why}} and gives the customer no way to opt out of more: the law asks every marketing message for one',
    },
  },
  checks: ({ model }) => automatedMarketing(model).length,
  check({ model, report }) {
    for (const step of automatedMarketing(model)) {
      if (step.optOut) continue;
      const why = step.purpose === 'marketing' ? '' : ` (it makes the offer ${idList(step.offers)})`;
      // An `opt-out: false` written out is where the finding points.
      const field = model.source.locate([...step.path, 'opt-out']);
      const own = model.source.locate(step.path);
      const written = field !== undefined && (own === undefined || field.line !== own.line || field.column !== own.column);
      report({
        messageId: 'noOptOut',
        data: { id: step.id, why },
        step,
        ...(written ? { at: [...step.path, 'opt-out'] } : {}),
        suggestion: {
          title: `Give \`${step.id}\` a way to opt out: an unsubscribe link, or "reply STOP"`,
          after: step.id,
          step: { id: step.id, type: 'send', ...(step.actor ? { actor: step.actor } : {}) },
          extend: { step: step.id, add: {}, set: { 'opt-out': true } },
        },
      });
    }
  },
});
