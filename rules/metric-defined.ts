// What is not measured cannot be managed: a journey stage with no figure is a stage nobody can improve.
import { processLabel } from '../src/model/queries.js';
import { defineRule } from '../src/rule.js';
import type { ProcessModel } from '../src/model/types.js';

/** The stage each metric's `measures` points at: the stage itself, or the stage of the measured step. */
function measuredStages(model: ProcessModel): Set<string> {
  const stages = new Set<string>();
  for (const metric of model.metrics.values()) {
    if (metric.measures === undefined) continue;
    if (model.kindOf(metric.measures) === 'stage') stages.add(metric.measures);
    const stage = model.step(metric.measures)?.stage;
    if (stage !== undefined) stages.add(stage);
  }
  return stages;
}

export default defineRule({
  meta: {
    id: 'metric-defined',
    category: 'rims',
    rims: 'M',
    severity: 'warn',
    description: 'The map defines at least one metric; on a journey, every stage has a metric measuring it or one of its steps.',
    rationale:
      'A measurable process says which figures tell whether it works: renewal rate, time to first contact, share of customers who come to the booked meeting. ' +
      'On a customer journey each stage needs its own figure, or the stage where customers are lost (lapse, win-back) stays invisible.',
    messages: {
      none: 'the process `{{process}}` defines no metric: say which figures tell whether it works',
      stageUnmeasured: 'the journey stage `{{id}}` has no metric measuring it or one of its steps',
    },
  },
  checks: ({ model }) => 1 + (model.process.kind === 'journey' ? model.stages.length : 0),
  check({ model, report }) {
    if (model.metrics.size === 0) report({ messageId: 'none', data: { process: processLabel(model) } });
    if (model.process.kind !== 'journey') return;
    const measured = measuredStages(model);
    for (const stage of model.stages) {
      if (!measured.has(stage.id)) report({ messageId: 'stageUnmeasured', data: { id: stage.id }, at: [...stage.path, 'id'] });
    }
  },
});
