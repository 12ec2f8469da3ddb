// @ts-check
// A firm's own playbook as a pmlint plugin: two rules on the same contract as the built-in ones.
// Use it with `plugins: [./examples/plugins/acme/index.js]` in pmlint.config.yaml.
import { definePlugin, defineRule } from 'pmlint';

const managerApprovesDiscounts = defineRule({
  meta: {
    id: 'manager-approves-offers',
    category: 'custom',
    rims: null,
    severity: 'error',
    description: 'Every offer is approved by a sales manager (`approved-by` names a human).',
    rationale: 'At Acme no discount leaves the building unless a manager has signed it off.',
    docs: 'https://example.com/acme/playbook#offers',
    messages: {
      unapproved: 'the offer `{{offer}}` is made in `{{step}}` but nobody approved it: set `approved-by` to a manager',
    },
  },
  check({ model, report }) {
    for (const step of model.steps) {
      for (const offer of step.offers) {
        const approver = model.offers.get(offer)?.approvedBy;
        if (approver !== undefined && model.actors.get(approver)?.type === 'human') continue;
        report({ messageId: 'unapproved', data: { offer, step: step.id }, step });
      }
    }
  },
});

/** @type {import('pmlint').Rule<{ 'max-steps': number }>} */
const shortAutomation = defineRule({
  meta: {
    id: 'short-automation',
    category: 'custom',
    rims: null,
    severity: 'warn',
    description: 'An automated customer contact reaches a person within a few steps.',
    rationale: 'Acme customers should never wait through a long chain of machines before a person takes over.',
    messages: {
      long: '`{{step}}` is followed by more than {{max}} steps before a person is told',
    },
    schema: {
      type: 'object',
      properties: { 'max-steps': { type: 'integer', minimum: 1, default: 3, description: 'How many steps may pass before a person is notified.' } },
      additionalProperties: false,
    },
  },
  check({ model, options, report }) {
    const max = options['max-steps'];
    for (const step of model.steps) {
      if (!step.customerContact || !step.automated) continue;
      const path = model.graph.findPath([step.id], (id) => (model.step(id)?.notifies.size ?? 0) > 0);
      if (path !== null && path.length - 1 > max) report({ messageId: 'long', data: { step: step.id, max }, step });
    }
  },
});

export default definePlugin({
  name: 'acme',
  rules: { 'manager-approves-offers': managerApprovesDiscounts, 'short-automation': shortAutomation },
  configs: {
    recommended: { rules: { 'acme/manager-approves-offers': 'error', 'acme/short-automation': 'warn' } },
  },
});
