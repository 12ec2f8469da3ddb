// A figure with no target, no owner or no review date is watched by nobody and improves nothing.
import { defineRule } from '../src/rule.js';

const FIELDS = ['target', 'owner', 'review'] as const;

export default defineRule({
  meta: {
    id: 'metric-target',
    category: 'rims',
    rims: 'I',
    severity: 'warn',
    description: 'Every metric has a `target`, an `owner` and a `review` cadence.',
    rationale:
      'A process improves when someone compares a figure with a target at a fixed rhythm and acts on the difference. ' +
      'A metric without a target cannot be missed, one without an owner is nobody\'s business, and one without a review is never looked at.',
    messages: {
      noTarget: 'the metric `{{id}}` has no `target`: say what figure counts as good',
      noOwner: 'the metric `{{id}}` has no `owner`: name who acts when it is missed',
      noReview: 'the metric `{{id}}` has no `review`: say how often it is looked at',
    },
  },
  checks: ({ model }) => FIELDS.length * model.metrics.size,
  check({ model, report }) {
    const messageIds = { target: 'noTarget', owner: 'noOwner', review: 'noReview' } as const;
    for (const metric of model.metrics.values()) {
      for (const field of FIELDS) {
        if (metric[field] !== undefined) continue;
        report({ messageId: messageIds[field], data: { id: metric.id }, at: metric.path, target: 'key' });
      }
    }
  },
});
