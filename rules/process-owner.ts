// A process nobody owns is run differently by everyone and improved by no one.
import { processLabel } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'process-owner',
    category: 'rims',
    rims: 'R',
    severity: 'warn',
    description: 'The process names its `owner`: the person who answers for it.',
    rationale:
      'A repeatable process has someone who answers for it: who decides how it is run, who is told when it fails a customer, who approves a change. ' +
      'Without an owner every team runs its own variant, automation is added by whoever holds the tool, and nobody notices that the people were forgotten.',
    messages: {
      missing: 'the process `{{process}}` has no `owner`: name the person who answers for it',
    },
  },
  checks: () => 1,
  check({ model, report }) {
    if (model.process.owner !== undefined) return;
    report({ messageId: 'missing', data: { process: processLabel(model) } });
  },
});
