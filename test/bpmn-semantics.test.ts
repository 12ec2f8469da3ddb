import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSource } from '../src/api.js';
import { loadConfig } from '../src/config/load.js';
import { parseBpmnMap } from '../src/parse/bpmn/index.js';
import { isGeneratedId } from '../src/parse/bpmn/tree.js';
import { expectedMarks, unmatched } from './helpers/fixtures.js';
import { lintWith } from './helpers/lint.js';

/**
 * BPMN constructs read as the spec's execution semantics run them, one fixture each, written from the
 * spec: `<!-- rules: … -->` names the rules that run, `<!-- expect: rule/messageId -->` marks each
 * finding, and the map `convert` writes gives the same findings on the same steps.
 */
const DIR = join(import.meta.dirname, 'fixtures', 'bpmn', 'semantics');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.bpmn')).sort();

const text = (file: string): string => readFileSync(join(DIR, file), 'utf8');
const rulesOf = (source: string): string[] => ['valid-schema', ...(/<!-{2} rules: ([\w\-, ]+) -{2}>/.exec(source)?.[1]?.split(',').map((r) => r.trim()) ?? [])];

type Step = {
  id: string;
  type: string;
  name?: string;
  actor?: string;
  automated?: boolean;
  to?: string | string[];
  with?: string | string[];
  reads?: string[];
  writes?: string[];
  next?: unknown;
};
type Data = { actors: Record<string, { name: string; type: string }>; systems?: Record<string, { type: string }>; steps: Step[] };

function read(file: string): Data {
  const parsed = parseBpmnMap(new TextEncoder().encode(text(file)));
  if (!parsed.ok) throw new Error(parsed.fatal.message);
  return parsed.map.data as Data;
}

/** Each flow as `from -> to`, with its condition where it has one. */
function edges(data: Data): string[] {
  return data.steps.flatMap((s) => {
    const next = s.next === undefined ? [] : Array.isArray(s.next) ? s.next : [s.next];
    return next.map((f: string | { to: string; when?: string; default?: boolean }) =>
      typeof f === 'string' ? `${s.id} -> ${f}` : `${s.id} -> ${f.to}${f.when ? ` [${f.when}]` : ''}${f.default ? ' [default]' : ''}`,
    );
  });
}

const step = (data: Data, id: string): Step => {
  const found = data.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id} in ${data.steps.map((s) => s.id).join(', ')}`);
  return found;
};

describe.each(FILES)('BPMN semantics: %s', (file) => {
  const source = text(file);
  const rules = rulesOf(source);
  const result = lintWith(source, rules, {}, file);

  it('yields exactly its expect markers', () => {
    expect(result.fatal).toBeNull();
    expect(unmatched(expectedMarks(source), result.findings)).toEqual({ marks: [], findings: [] });
  });

  it('gives the same findings on the same steps once converted to YAML', async () => {
    const converted = await convertSource(source, file, { config: await loadConfig({ cwd: tmpdir(), search: false, plugins: false }) });
    if (!converted.ok) throw new Error(converted.message);
    const keys = (findings: typeof result.findings) => findings.map((f) => `${f.ruleId}/${f.messageId}@${f.stepId ?? '-'}`).sort();
    expect(keys(lintWith(converted.yaml, rules, {}, 'converted.yaml').findings)).toEqual(keys(result.findings));
  });
});

describe('BPMN semantics: how each construct is read', () => {
  it('a sub-process without an inner end event continues along its outgoing flow', () => {
    const flows = edges(read('sub-process-without-end.bpmn'));
    expect(flows).toContain('check-documents -> assess-the-claim');
    expect(flows).toContain('assess-the-claim -> assess-start');
    expect(flows).toContain('estimate-the-damage -> pay-the-claim');
  });

  it('a sub-process without a start event starts every start-less element; an ad-hoc one chooses among its activities', () => {
    const data = read('sub-process-without-start.bpmn');
    const flows = edges(data);
    expect(flows).toEqual(expect.arrayContaining(['prepare-the-account -> open-the-account', 'prepare-the-account -> order-the-card']));
    expect(flows).not.toContain('prepare-the-account -> print-the-welcome-pack');
    expect(flows).toEqual(expect.arrayContaining(['open-the-account -> optional-extras', 'print-the-welcome-pack -> optional-extras']));
    expect(step(data, 'optional-extras').type).toBe('decision');
    expect(flows).toContain("optional-extras -> offer-insurance ['Offer insurance' is chosen]");
  });

  it('a link throw event continues at the catch event of the same name only', () => {
    const flows = edges(read('link-events.bpmn'));
    expect(flows).toContain('go-to-billing -> billing');
    expect(flows.filter((f) => f.startsWith('go-to-billing'))).toEqual(['go-to-billing -> billing']);
  });

  it('typed end events are ends', () => {
    const data = read('typed-end-events.bpmn');
    for (const id of ['s', 't', 'c']) expect(step(data, id).type).toBe('end');
    // A message end event is also the message it sends, and its path ends after it.
    expect(step(data, 'm').type).toBe('send');
    expect(edges(data)).toContain('m -> orders-ends');
  });

  it('an error end event leaves through the boundary event that catches its error, not the normal flow', () => {
    const flows = edges(read('error-end-caught.bpmn'));
    expect(flows).toContain('not-enough-information -> information-missing');
    expect(flows).not.toContain('not-enough-information -> prepare-a-quote');
    expect(flows).toContain('reviewed -> prepare-a-quote');
    expect(flows).toContain('information-missing -> ask-the-lead-for-details');
  });

  it('an event-based gateway branches by the event that comes first; a timer branch is the timeout', () => {
    const flows = edges(read('event-based-gateway.bpmn'));
    expect(flows).toContain('wait -> quote-accepted [Quote accepted comes first]');
    expect(flows).toContain('wait -> week [nothing else comes before the timer (P7D) runs out (timeout)]');
  });

  it('an inclusive gateway is a choice, and its join a plain merge, never a parallel join', () => {
    const data = read('inclusive-gateway.bpmn');
    expect(step(data, 'which-follow-ups').type).toBe('decision');
    expect(step(data, 'join').type).toBe('wait');
  });

  it('message flows are no paths; what the customer sends is theirs; recipients come from message flows', () => {
    const data = read('message-flows.bpmn');
    expect(edges(data).filter((f) => f.includes('send-the-order -> order-received') || f.includes('confirm-the-order -> receive'))).toEqual([]);
    expect(step(data, 'send-the-order')).toMatchObject({ actor: 'customer', automated: false });
    expect(step(data, 'confirm-the-order').to).toBe('customer');
    expect(step(data, 'report-the-sale').to).toBe('accounting');
    expect(step(data, 'send-the-invoice').to).toBeUndefined();
    // The customer's own activity that no message flow connects is no contact: it only passes the flow on.
    expect(step(data, 'eat-the-pizza').type).toBe('parallel');
  });

  it("without a message flow, a connector's settings or a label naming staff say who receives a message", () => {
    const data = read('recipients.bpmn');
    expect(step(data, 'send-the-invoice')).toMatchObject({ type: 'send', automated: true, to: 'car-buyer' });
    expect(step(data, 'tell-the-operations-team').to).toBe('operations-team');
    expect(data.actors['operations-team']).toEqual({ name: 'operations team', type: 'human' });
    expect(step(data, 'hand-over-the-car')).toMatchObject({ type: 'task', with: 'car-buyer' });
  });

  it('a user task right after an automated contact is a hand-over to its performer', () => {
    const data = read('user-task-hand-over.bpmn');
    expect(edges(data)).toEqual(expect.arrayContaining(['tell-the-customer-about-the-delay -> speed-up-the-decision-work-item', 'speed-up-the-decision-work-item -> speed-up-the-decision']));
    expect(step(data, 'speed-up-the-decision-work-item')).toMatchObject({ type: 'send', to: 'loan-advisor', automated: true });
    expect(edges(data)).toContain('send-a-document-reminder -> archive-the-reminder');
  });

  it('reads who is the customer from names, and steps from their labels, data and assignments', () => {
    const data = read('who-is-the-customer.bpmn');
    const types = Object.fromEntries(Object.entries(data.actors).map(([id, a]) => [id, a.type]));
    expect(types).toEqual({
      bank: 'human',
      clients: 'customer',
      payments: 'human',
      'private-customer-account-manager': 'human',
      'customer-service': 'human',
      'clients-2': 'customer',
      'walk-in': 'customer',
      dispatch: 'human',
    });
    expect(step(data, 'transfer-the-money').actor).toBe('payments');
    expect(step(data, 'book-appointment-with-the-customer').type).toBe('schedule');
    expect(step(data, 'termin-zur-beratung-vereinbaren').type).toBe('schedule');
    expect(step(data, 'schedule-shipping')).toMatchObject({ type: 'task', actor: 'dispatch', writes: ['customer-database'] });
    expect(step(data, 'schedule-shipping').reads).toBeUndefined();
    expect(Object.keys(data.systems ?? {})).toEqual(['customer-database']);
    expect(step(data, 'run-the-payment').automated).toBe(true);
    // An unnamed element whose id a tool made up is named by its kind and line.
    expect(step(data, 'run-the-payment').next).toEqual(['exclusive-gateway-29']);
  });

  it('knows the ids tools make up from the ids people write', () => {
    const made = ['sid-3AC50082-0C1C-4F3B-9B76-CF1A24B3C1A4', '_cd6f230f-1fb6-4b58-b8ad-1a2e2f1b7f86', '{ff4e4697-da62-455b-a781-dac34a01a87c}', 'Gateway_02l8rvi', 'Activity_0abrfr7', 'Bpmn_ExclusiveGateway_i-GfYn8EEeWFfP5a82iU3A', '12345'];
    const written = ['SendTask_NotifyCustomerDelay', 'UserTask_AccelerateDecision', 'ModelD_1', 'Accountant', 'Send_Confirmation_Email_2', 'notEnoughInformationEnd'];
    expect(made.filter((id) => !isGeneratedId(id))).toEqual([]);
    expect(written.filter((id) => isGeneratedId(id))).toEqual([]);
  });
});
