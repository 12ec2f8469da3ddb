// A journey map that stops at the sale forgets the customer who could buy again, or is about to leave.
import { processLabel } from '../src/model/queries.js';
import { PHASES } from '../src/model/types.js';
import { defineRule } from '../src/rule.js';

interface Options {
  phases: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'journey-lifecycle',
    category: 'journey',
    rims: null,
    severity: 'warn',
    description: 'A customer journey (`kind: journey`) has stages for the whole lifecycle: by default `repurchase` and `winback`.',
    rationale:
      'Customer journeys run from cradle to grave to re-incarnation: the customer buys, uses, buys again, lapses and can be won back. ' +
      'Maps that stop at the sale leave the most profitable moments (the renewal, the win-back of a lapsed customer) to chance. ' +
      'The `phases` option lists the phases a journey must cover.',
    messages: {
      missingPhase: 'the journey `{{process}}` has no stage in the `{{phase}}` phase: {{why}}',
    },
    schema: {
      type: 'object',
      properties: {
        phases: {
          type: 'array',
          items: { enum: PHASES },
          uniqueItems: true,
          default: ['repurchase', 'winback'],
          description: 'The phases a journey must have a stage in.',
        },
      },
      additionalProperties: false,
    },
  },
  check({ model, options, report }) {
    if (model.process.kind !== 'journey') return;
    const present = new Set(model.stages.map((s) => s.phase));
    const why: Record<string, string> = {
      repurchase: 'nobody plans for the customer buying again',
      winback: 'a lapsed customer is never won back',
      lapse: 'nobody notices a customer drifting away',
      onboarding: 'the first weeks after the sale are left to chance',
      service: 'the customer is alone between purchases',
    };
    for (const phase of options.phases) {
      if (present.has(phase as never)) continue;
      report({ messageId: 'missingPhase', data: { process: processLabel(model), phase, why: why[phase] ?? 'this part of the lifecycle is missing' } });
    }
  },
});
