// A run that stops at a join leaves the customer waiting for an answer that never comes.
import { defineRule, type Suggestion } from '../src/rule.js';
import { soundness } from '../src/model/soundness.js';

export default defineRule({
  meta: {
    id: 'no-deadlock',
    category: 'structure',
    rims: null,
    severity: 'error',
    description: 'No run stops at a `parallel` join that waits for a flow that never comes.',
    rationale:
      'A `parallel` step with several flows in waits until a token has come on each of them. When a run brings tokens on only some ' +
      '(the branches of a decision met again by a `parallel` step, a join on a loop, two starts), the run stops there for good: ' +
      'the journey silently ends and the customer never hears back, with nothing in any report to say so.',
    messages: {
      decision:
        '`{{join}}` waits for every flow into it, but when `{{decision}}` takes the branch to `{{branch}}` nothing comes from `{{waitsFor}}`: ' +
        'the run stops here and the customer never hears back; {{advice}}',
      apart: '`{{join}}` waits for every flow into it, but some runs bring no token from `{{waitsFor}}`: those runs stop here and the customer never hears back; {{advice}}',
      loopHead:
        '`{{join}}` waits for `{{waitsFor}}`, which comes round the loop only after `{{join}}` has passed: the run stops here the first time ' +
        'and the customer never hears back; {{advice}}',
      loop: '`{{join}}` is on a loop (back from `{{back}}`) and waits, each time round, for `{{waitsFor}}`, which comes only once: the second round stops here; {{advice}}',
      stream:
        '`{{join}}` gets a token from the loop through `{{split}}` on every round, but waits for `{{waitsFor}}`, which does not come as often: ' +
        'a run stops here; end that parallel branch, or join it before the loop goes round',
      start: '`{{join}}` waits for `{{waitsFor}}`, which no run from `{{start}}` reaches (each start begins a run of its own): the run stops here; {{advice}}',
    },
  },
  check(context) {
    const { model } = context;
    for (const d of soundness(model).deadlocks) {
      const data: Record<string, string> = { join: d.join, waitsFor: d.waitsFor, start: d.start };
      // The quick fix, where it is sound: the join becomes a plain merge (`wait`, as the BPMN reader writes an exclusive merge).
      const suggestion: Suggestion | undefined = d.mergeable
        ? {
            title: `Make \`${d.join}\` a plain merge (\`type: wait\`): the flows into it never all come in one run`,
            after: d.join,
            step: { type: 'wait' },
            extend: { step: d.join, add: {}, set: { type: 'wait' } },
          }
        : undefined;
      const step = model.step(d.join)!;
      // The advice is the quick fix where it is sound; else what any fix must do.
      const advice = d.mergeable ? `make \`${d.join}\` a plain merge (\`type: wait\`)` : `every run must bring a token on each flow into \`${d.join}\`, or it must stop waiting for \`${d.waitsFor}\``;
      const report = (r: { messageId: string; data: Record<string, string> }): void =>
        context.report({ ...r, data: { ...r.data, advice }, step, path: d.path, ...(suggestion ? { suggestion } : {}) });
      if (d.cause === 'decision' && d.decision !== undefined && d.branch !== undefined) {
        report({ messageId: 'decision', data: { ...data, decision: d.decision, branch: d.branch } });
      } else if (d.cause === 'decision') report({ messageId: 'apart', data });
      else if (d.cause === 'loop' && d.firstRound) report({ messageId: 'loopHead', data });
      else if (d.cause === 'loop') report({ messageId: 'loop', data: { ...data, back: d.path[d.path.length - 2] ?? d.join } });
      else if (d.cause === 'stream') report({ messageId: 'stream', data: { ...data, split: d.split ?? d.join } });
      else report({ messageId: 'start', data });
    }
  },
});
