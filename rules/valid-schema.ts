// A map that breaks the format is read differently by people and by tools: every other rule would be guessing.
import { defineRule } from '../src/rule.js';

export default defineRule({
  meta: {
    id: 'valid-schema',
    category: 'structure',
    rims: null,
    severity: 'error',
    description: 'The file follows the process-map format: known fields, right types, well-formed and unique ids.',
    rationale:
      'A map is a contract between the consultant who drew it, the people who run the process and the tools that check it. ' +
      'A misspelt field (`recieves:`), a step type that does not exist or an id used twice is silently read one way by a person and another way by a tool, ' +
      'so every other rule would be reasoning about a process nobody meant.',
    messages: {
      schema: '{{message}}',
      duplicate: '`{{id}}` is already defined at line {{line}}: ids are shared by steps, actors, systems, offers, stages and metrics, and must be unique',
      endWithNext: '`{{id}}` is an `end` step, which has no outgoing flow: remove its `next`',
      sharesOverOne: 'the branches of `{{id}}` have shares adding up to {{total}}: a share is the fraction of instances taking a branch, so together they are at most 1',
    },
  },
  check({ model, schemaIssues, report }) {
    for (const issue of schemaIssues) {
      report({ messageId: 'schema', data: { message: issue.message }, at: issue.path, target: issue.target });
    }
    for (const duplicate of model.duplicates) {
      const first = model.source.locate(duplicate.first);
      report({ messageId: 'duplicate', data: { id: duplicate.id, line: first?.line ?? 1 }, at: duplicate.path, target: 'key' });
    }
    for (const step of model.steps) {
      const total = step.type === 'decision' ? step.next.reduce((sum, flow) => sum + (flow.share ?? 0), 0) : 0;
      if (total > 1 + 1e-9) report({ messageId: 'sharesOverOne', data: { id: step.id, total: Math.round(total * 1000) / 1000 }, at: [...step.path, 'next'], target: 'key' });
      const explicit = step.next.find((flow) => !flow.implicit);
      if (step.type !== 'end' || !explicit) continue;
      report({ messageId: 'endWithNext', data: { id: step.id }, at: [...step.path, 'next'], target: 'key' });
    }
  },
});
