// A metric read from a system no step writes to has nothing to count.
import type { Metric, ProcessModel, Step } from '../src/model/types.js';
import { defineRule } from '../src/rule.js';

/** The metrics whose `source` is a system the map defines (an unknown one is `no-unknown-reference`'s). */
const sourced = (model: ProcessModel): Metric[] => [...model.metrics.values()].filter((m) => m.source !== undefined && model.systems.has(m.source));

/** The step that should write a metric's figure: the step it measures, or the last step of the stage it measures. */
function measuredStep(model: ProcessModel, metric: Metric): Step | undefined {
  if (metric.measures === undefined) return undefined;
  const step = model.step(metric.measures);
  if (step) return step.type === 'start' || step.type === 'end' || step.type === 'decision' || step.type === 'parallel' ? undefined : step;
  const inStage = model.steps.filter((s) => s.stage === metric.measures && s.actor !== undefined && s.type !== 'decision' && s.type !== 'parallel');
  return inStage[inStage.length - 1];
}

export default defineRule({
  meta: {
    id: 'metric-source-written',
    category: 'rims',
    rims: 'M',
    severity: 'warn',
    description: 'The `source` system of every metric is written by some step of the map.',
    rationale:
      'A metric is only as good as the data it is read from. When no step of the process writes to the system named as its `source`, the figure ' +
      'has nothing to come from: the renewal rate stays empty, or is filled by hand from memory once a quarter. Make the step the metric measures ' +
      'write its outcome to the source system, so the figure counts what the process does.',
    messages: {
      unwritten: 'the metric `{{id}}` is read from `{{source}}`, but no step writes to `{{source}}`: the figure has nothing to come from',
    },
  },
  checks: ({ model }) => sourced(model).length,
  check({ model, report }) {
    const written = new Set(model.steps.flatMap((s) => s.writes));
    for (const metric of sourced(model)) {
      const source = metric.source!;
      if (written.has(source)) continue;
      const step = measuredStep(model, metric);
      report({
        messageId: 'unwritten',
        data: { id: metric.id, source },
        at: [...metric.path, 'source'],
        ...(step
          ? {
              suggestion: {
                title: `Write the outcome of \`${step.id}\` to \`${source}\`, where \`${metric.id}\` is read from`,
                after: step.id,
                step: { id: step.id, type: step.type ?? 'task', ...(step.actor ? { actor: step.actor } : {}), writes: [...step.writes, source] },
                extend: { step: step.id, add: { writes: [source] } },
              },
            }
          : {}),
      });
    }
  },
});
