import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatters, renderDot, renderMermaid } from '../src/formatters/index.js';
import type { LintResult } from '../src/findings.js';
import { analyseSoundness, type FlowNet } from '../src/model/soundness.js';
import { lintFileWith, lintWith } from './helpers/lint.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples', 'rules');
const RULES = ['no-deadlock', 'no-lack-of-synchronization'];
const lint = (file: string) => lintFileWith(join(EXAMPLES, file), RULES);

describe('no-deadlock and no-lack-of-synchronization: the finding and the run that shows it', () => {
  it('points at the join a decision leaves waiting, with the run down the branch that leaves it waiting', () => {
    const [f, ...rest] = lint('no-deadlock/bad.yaml').findings;
    expect(rest).toEqual([]);
    expect({ rule: f!.ruleId, id: f!.messageId, at: `${f!.line}:${f!.column}`, step: f!.stepId }).toEqual({
      rule: 'no-deadlock',
      id: 'decision',
      at: '26:9',
      step: 'ready-to-offer',
    });
    expect(f!.path).toEqual(['enquiry', 'has-trade-in', 'no-trade-in', 'ready-to-offer']);
    expect(f!.message).toBe(
      '`ready-to-offer` waits for every flow into it, but when `has-trade-in` takes the branch to `no-trade-in` nothing comes from `value-trade-in`: ' +
        'the run stops here and the customer never hears back; make `ready-to-offer` a plain merge (`type: wait`)',
    );
    expect(f!.suggestion?.extend).toEqual({ step: 'ready-to-offer', add: {}, set: { type: 'wait' } });
  });

  it('points at the merge two parallel branches reach, with the split and both branches', () => {
    const [f, ...rest] = lint('no-lack-of-synchronization/bad.yaml').findings;
    expect(rest).toEqual([]);
    expect([f!.ruleId, f!.messageId, f!.line, f!.column, f!.stepId]).toEqual(['no-lack-of-synchronization', 'branches', 26, 9, 'confirm']);
    expect(f!.path).toEqual(['split', 'book-car', 'brief-salesperson', 'confirm']);
  });

  it('a join heading a loop stops the first round: the path is the run up to it', () => {
    const [f] = lint('no-deadlock/bad-loop.yaml').findings;
    expect([f!.messageId, f!.stepId]).toEqual(['loopHead', 'remind']);
    expect(f!.path).toEqual(['renewal-due', 'check-contract', 'remind']);
    expect(f!.message).toContain('`remind` waits for `signed`, which comes round the loop only after `remind` has passed: the run stops here the first time');
  });

  it('a join inside a loop with a flow from outside it stops the second round, shown with the way round (a loop with two entries too)', () => {
    const [f, ...rest] = lint('no-deadlock/bad-loop-inside.yaml').findings;
    expect(rest).toEqual([]);
    expect([f!.messageId, f!.stepId, f!.line]).toEqual(['loop', 'offer-ready', 23]);
    expect(f!.path).toEqual(['enquiry', 'split', 'draft-offer', 'offer-ready', 'send-offer', 'accepted', 'draft-offer', 'offer-ready']);
    // Both flows come in the first round: a plain merge would run twice, so no quick fix, and the advice says what any fix must do.
    expect(f!.suggestion).toBeUndefined();
    expect(f!.message).toMatch(/every run must bring a token on each flow into `offer-ready`, or it must stop waiting for `check-credit`$/);
  });

  it('names a flow straight from the split as such', () => {
    const [f] = lint('no-lack-of-synchronization/bad-direct.yaml').findings;
    expect(f!.messageId).toBe('direct');
    expect(f!.message).toContain('the parallel split `split` flows to it directly and through `book-table`');
  });

  it('keeps a wait for the customer a wait: the join goes in front of it; a pass-through wait becomes the join', () => {
    const map = (trigger: string): string =>
      [
        'pmlint: 1',
        'process: { id: offer, name: Offer }',
        'actors:',
        '  customer: { type: customer }',
        '  bot: { type: system }',
        'steps:',
        '  - { id: begin, type: start }',
        '  - { id: both, type: parallel, next: [mail, sms] }',
        '  - { id: mail, type: send, actor: bot, to: customer, channel: email, next: reply }',
        '  - { id: sms, type: send, actor: bot, to: customer, channel: sms, next: reply }',
        `  - { id: reply, type: wait${trigger} }`,
        '  - { id: done, type: end }',
      ].join('\n') + '\n';
    const waiting = lintWith(map(', trigger: the customer replies'), ['no-lack-of-synchronization']).findings[0]!;
    expect(waiting.suggestion).toMatchObject({ after: 'mail', branch: 'reply', step: { id: 'join-before-reply', type: 'parallel' }, from: ['sms'] });
    const passing = lintWith(map(''), ['no-lack-of-synchronization']).findings[0]!;
    expect(passing.suggestion?.extend).toEqual({ step: 'reply', add: {}, set: { type: 'parallel' } });
  });

  it('reports the cause once: a join after a double run is not reported again', () => {
    // file-copy runs twice a round; close-file, which waits for it and for the signature, follows from that.
    const findings = lint('no-lack-of-synchronization/bad-loop.yaml').findings;
    expect(findings.map((f) => `${f.ruleId}/${f.messageId}:${f.stepId}`)).toEqual(['no-lack-of-synchronization/loop:file-copy']);
  });

  it('finds nothing in balanced blocks nested in a loop, in YAML or in BPMN', () => {
    expect(lint('no-deadlock/good-nested.yaml').findings).toEqual([]);
    expect(lint('no-deadlock/good.bpmn').findings).toEqual([]);
    expect(lint('no-lack-of-synchronization/good.bpmn').findings).toEqual([]);
  });
});

describe('soundness analysis on flow nets', () => {
  const net = (kinds: FlowNet['kinds'], succ: number[][], starts = [0]): FlowNet => ({ ids: kinds.map((k, i) => `${k}${i}`), kinds, succ, starts });

  it('two starts merged by a plain step are two runs, not a double run; merged by a join, a deadlock', () => {
    expect(analyseSoundness(net(['plain', 'plain', 'plain', 'end'], [[2], [2], [3], []], [0, 1]))).toEqual({ deadlocks: [], doubleRuns: [], undecided: [] });
    const joined = analyseSoundness(net(['plain', 'plain', 'and', 'end'], [[2], [2], [3], []], [0, 1]));
    expect(joined.deadlocks.map((d) => [d.join, d.cause, d.waitsFor])).toEqual([['and2', 'start', 'plain1']]);
  });

  it('offers the quick fix of a deadlock even where it shows the next one, which followed from it and was left out', () => {
    // start → decision → a | b → join1 → decision → c | d → join2 → end: join2 is left out (after join1).
    const kinds: FlowNet['kinds'] = ['plain', 'xor', 'plain', 'plain', 'and', 'xor', 'plain', 'plain', 'and', 'end'];
    const found = analyseSoundness(net(kinds, [[1], [2, 3], [4], [4], [5], [6, 7], [8], [8], [9], []]));
    expect(found.deadlocks.map((d) => [d.join, d.mergeable])).toEqual([['and4', true]]);
  });

  it('walks a chain of 100,000 steps and a split of 20,000 branches without recursion', () => {
    const n = 100_000;
    const chain = net(
      Array.from({ length: n }, (_, i) => (i === n - 1 ? 'end' : 'plain')),
      Array.from({ length: n }, (_, i) => (i === n - 1 ? [] : [i + 1])),
    );
    expect(analyseSoundness(chain).deadlocks).toEqual([]);
    const b = 20_000;
    const kinds: FlowNet['kinds'] = ['plain', 'and', ...Array.from({ length: b }, () => 'plain' as const), 'and', 'end'];
    const succ = [[1], Array.from({ length: b }, (_, i) => i + 2), ...Array.from({ length: b }, () => [b + 2]), [b + 3], []];
    expect(analyseSoundness(net(kinds, succ))).toEqual({ deadlocks: [], doubleRuns: [], undecided: [] });
  });
});

describe('the run in every output', () => {
  const file = lint('no-deadlock/bad.yaml');
  const result: LintResult = { files: [file] } as LintResult;

  it('stylish prints it under the finding', () => {
    const text = formatters['stylish']!(result, { color: false, cwd: '/' } as never);
    expect(text).toContain('↳ via: enquiry → has-trade-in → no-trade-in → ready-to-offer\n');
  });

  it('SARIF gives it as a code flow, each step where its id is written', () => {
    type Step = { location: { message: { text: string }; physicalLocation: { region: { startLine: number } } } };
    type Log = { runs: { results: { codeFlows: { threadFlows: { locations: Step[] }[] }[] }[] }[] };
    const log = JSON.parse(formatters['sarif']!(result, { cwd: '/' } as never)) as Log;
    const locations = log.runs[0]!.results[0]!.codeFlows[0]!.threadFlows[0]!.locations;
    expect(locations.map((l) => `${l.location.message.text}@${l.location.physicalLocation.region.startLine}`)).toEqual([
      'enquiry@11',
      'has-trade-in@13',
      'no-trade-in@22',
      'ready-to-offer@26',
    ]);
  });

  it('the diagrams draw its flows red and thick', () => {
    const mermaid = renderMermaid(file.outline!, file.findings, []);
    expect(mermaid).toContain('  linkStyle 0,2,4 stroke:#c62828,stroke-width:3px\n');
    const dot = renderDot(file.outline!, file.findings, []);
    expect(dot).toContain('  s1 -> s3 [label="otherwise", color="#c62828", penwidth=3];');
    expect(dot).toContain('  s1 -> s2 [label="the customer trades a car in"];');
  });

  it('Markdown lists it with the finding', () => {
    const text = formatters['markdown']!(result, { cwd: '/' } as never);
    expect(text).toContain('<br>via: `enquiry` → `has-trade-in` → `no-trade-in` → `ready-to-offer`');
    // The quick fix in the checklist: a type change of an existing step.
    expect(text).toContain('in the existing step `ready-to-offer`, make it a `wait`. _(no-deadlock)_');
  });
});

describe('no-unreachable and no-dead-end beside the soundness rules', () => {
  it('steps behind a join no run can pass are reported once, at the join, not each by no-unreachable or no-dead-end', () => {
    const file = join(EXAMPLES, 'no-deadlock', 'bad-two-starts.yaml');
    const findings = lintFileWith(file, ['no-deadlock', 'no-lack-of-synchronization', 'no-unreachable', 'no-dead-end']).findings;
    expect(findings.map((f) => `${f.ruleId}:${f.stepId}`)).toEqual(['no-deadlock:both-in']);
    const decision = lintFileWith(join(EXAMPLES, 'no-deadlock', 'bad.yaml'), ['no-deadlock', 'no-unreachable', 'no-dead-end']).findings;
    expect(decision.map((f) => `${f.ruleId}:${f.stepId}`)).toEqual(['no-deadlock:ready-to-offer']);
  });
});

describe('the diagrams mark what the plan changes', () => {
  it('a step the plan extends has a dashed border, in Mermaid and in dot', () => {
    const file = lintFileWith(join(EXAMPLES, 'no-deadlock', 'bad.yaml'), ['no-deadlock']);
    expect(file.plan?.map((item) => item.kind)).toEqual(['extend']);
    const mermaid = renderMermaid(file.outline!, file.findings, file.plan);
    expect(mermaid).toContain('  classDef extended stroke:#6a1b9a,stroke-width:2px,stroke-dasharray:5 5\n');
    expect(mermaid).toContain('  class s4 extended\n');
    // The join has a finding too: its red border wins in dot, where a node has one colour.
    const plain = renderDot({ ...file.outline! }, [], file.plan);
    expect(plain).toContain('s4 [label="ready-to-offer", shape=hexagon, style="rounded,filled,dashed", color="#6a1b9a"];');
  });
});
