import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../src/config/load.js';
import { rulesForFile } from '../src/config/resolve.js';
import { lintSource } from '../src/engine/lint.js';
import { configError, project, ROOT } from './helpers/cli.js';
import { lintWith } from './helpers/lint.js';

/** Lints map text with only the rules a config declares (extends: []). */
async function lintDeclared(rules: Record<string, unknown>, text: string) {
  const dir = project({ 'pmlint.config.yaml': stringify({ extends: [], rules }), 'm.yaml': text });
  const config = await loadConfig({ cwd: dir });
  return lintSource(text, 'm.yaml', rulesForFile(config, join(dir, 'm.yaml')), { config });
}


const map = (steps: string, extra = ''): string => `pmlint: 1
process: { id: p, name: P }
actors:
  customer: { type: customer }
  salesperson: { type: human, reports-to: sales-manager }
  sales-manager: { type: human }
  bot: { type: system }
systems: { crm: { type: crm }, diary: { type: calendar, live: true } }
offers: { discount: { name: Ten percent }, gift: { name: A gift } }
${extra}steps:
${steps}`;

const MANAGER_HEARS = {
  severity: 'error',
  description: 'Every discount sent automatically is passed on to the sales manager',
  for: { type: 'send', automated: true, 'customer-contact': true, offers: { exists: true } },
  require: { downstream: { paths: 'every', within: 5, step: { type: 'send', to: 'sales-manager', shares: { includes: '$offers' } } } },
  message: '{step} offers {offers} but the sales manager never hears of it',
  suggest: { title: 'Tell the sales manager about the offer', step: { type: 'send', to: 'sales-manager', shares: '$offers' } },
};

describe('rules declared in the config: the examples of the issue', () => {
  it('firm/manager-hears-of-discounts', async () => {
    const bad = map(`  - { id: begin, type: start }
  - { id: send-offer, type: send, actor: bot, to: customer, offers: [discount, gift] }
  - { id: tell-manager, type: send, actor: bot, to: sales-manager, shares: [discount] }
  - { id: done, type: end }
`);
    const result = await lintDeclared({ 'firm/manager-hears-of-discounts': MANAGER_HEARS }, bad);
    expect(result.findings.map((f) => [f.line, f.ruleId, f.severity, f.message, f.suggestion])).toEqual([
      [
        12,
        'firm/manager-hears-of-discounts',
        'error',
        '`send-offer` offers `discount`, `gift` but the sales manager never hears of it',
        { title: 'Tell the sales manager about the offer', after: 'send-offer', step: { id: 'firm-manager-hears-of-discounts-send-offer', type: 'send', to: 'sales-manager', shares: ['discount', 'gift'] } },
      ],
    ]);
    const good = bad.replace('shares: [discount] }', 'shares: [gift, discount, customer-history] }');
    expect((await lintDeclared({ 'firm/manager-hears-of-discounts': MANAGER_HEARS }, good)).findings).toEqual([]);
  });

  it('firm/every-meeting-logged and firm/journey-has-winback', async () => {
    const rules = {
      'firm/every-meeting-logged': { for: { type: 'meeting' }, require: { self: { writes: { type: 'crm' } } } },
      'firm/journey-has-winback': { severity: 'warn', for: 'process', require: { has: { stage: { phase: 'winback' } } } },
    };
    const text = map(`  - { id: begin, type: start }
  - { id: talk, type: meeting, actor: salesperson, with: customer, writes: crm }
  - { id: talk-again, type: meeting, actor: salesperson, with: customer, writes: diary }
  - { id: done, type: end }
`, 'stages: [{ id: buying, phase: purchase }]\n');
    expect((await lintDeclared(rules, text)).findings.map((f) => `${f.line}:${f.ruleId}:${f.severity}`)).toEqual([
      '2:firm/journey-has-winback:warning',
      '14:firm/every-meeting-logged:error',
    ]);
    const withWinback = text.replace('phase: purchase }]', 'phase: purchase }, { id: back, phase: winback }]');
    expect((await lintDeclared(rules, withWinback)).findings.map((f) => f.ruleId)).toEqual(['firm/every-meeting-logged']);
  });
});

describe('selectors', () => {
  const steps = `  - { id: begin, type: start }
  - { id: a, type: send, actor: bot, to: [customer, salesperson], offers: [discount, gift], channel: email }
  - { id: b, type: send, actor: salesperson, to: customer, channel: phone }
  - { id: c, type: task, actor: salesperson, reads: [crm, diary] }
  - { id: done, type: end }
`;
  const selected = async (selector: Record<string, unknown>): Promise<string[]> =>
    (await lintDeclared({ 'x/pick': { for: selector, require: { self: { id: 'never' } } } }, map(steps))).findings.map((f) => f.stepId!);

  it.each([
    [{ to: 'salesperson' }, ['a']],
    [{ to: { type: 'human' } }, ['a']],
    [{ to: { type: 'customer' } }, ['a', 'b']],
    [{ offers: { includes: ['discount', 'gift'] } }, ['a']],
    [{ offers: { includes: ['discount', 'nothing'] } }, []],
    [{ offers: { exists: false }, type: 'send' }, ['b']],
    [{ channel: { 'any-of': ['phone', 'sms'] } }, ['b']],
    [{ not: { type: 'send' }, actor: { exists: true } }, ['c']],
    [{ 'any-of': [{ channel: 'email' }, { reads: { type: 'calendar', live: true } }] }, ['a', 'c']],
    [{ automated: true }, ['a']],
    [{ 'customer-contact': true, 'human-interaction': true }, ['b']],
    [{ 'human-notification': true }, ['a']],
    [{ actor: { 'reports-to': 'sales-manager' } }, ['b', 'c']],
  ])('%j selects %j', async (selector, ids) => {
    expect(await selected(selector)).toEqual(ids);
  });

  it('resolves $field to the matched step\'s value', async () => {
    const rule = { for: { type: 'send' }, require: { self: { to: '$actor' } } };
    const text = map(`  - { id: begin, type: start }
  - { id: self-note, type: send, actor: salesperson, to: [salesperson] }
  - { id: other, type: send, actor: salesperson, to: customer }
  - { id: done, type: end }
`);
    expect((await lintDeclared({ 'x/self': rule }, text)).findings.map((f) => f.stepId)).toEqual(['other']);
  });
});

describe('upstream and downstream: every, some, within, and loops', () => {
  const flow = (steps: string) => map(`  - { id: begin, type: start }\n${steps}  - { id: done, type: end }\n`);
  const rule = (where: 'downstream' | 'upstream', paths: 'every' | 'some', within?: number) => ({
    'x/told': { for: { id: 'contact' }, require: { [where]: { paths, ...(within ? { within } : {}), step: { to: 'salesperson' } } } },
  });
  const found = async (rules: Record<string, unknown>, text: string): Promise<boolean> => (await lintDeclared(rules, text)).findings.length > 0;

  const oneBranch = flow(`  - { id: contact, type: send, actor: bot, to: customer }
  - id: choice
    type: decision
    next: [{ to: tell, when: hot }, { to: done, default: true }]
  - { id: tell, type: send, actor: bot, to: salesperson }
`);
  it('every: a notification on one branch only does not cover the other; some: it does', async () => {
    expect(await found(rule('downstream', 'every'), oneBranch)).toBe(true);
    expect(await found(rule('downstream', 'some'), oneBranch)).toBe(false);
  });

  const far = flow(`  - { id: contact, type: send, actor: bot, to: customer }
  - { id: w1, type: wait }
  - { id: w2, type: wait }
  - { id: tell, type: send, actor: bot, to: salesperson }
`);
  it('within counts the steps after the matched one', async () => {
    expect(await found(rule('downstream', 'every', 3), far)).toBe(false);
    expect(await found(rule('downstream', 'every', 2), far)).toBe(true);
    expect(await found(rule('downstream', 'some', 2), far)).toBe(true);
  });

  const loop = flow(`  - { id: contact, type: send, actor: bot, to: customer }
  - { id: wait-a-day, type: wait }
  - id: answered
    type: decision
    next: [{ to: tell, when: yes }, { to: contact, default: true }]
  - { id: tell, type: send, actor: bot, to: salesperson }
`);
  it('follows loops: going round again is not an end, and within bounds a path that loops', async () => {
    expect(await found(rule('downstream', 'every'), loop)).toBe(false);
    // contact → wait-a-day → answered → tell meets it in 3 steps, but going round (… → answered → contact) does not
    expect(await found(rule('downstream', 'every', 3), loop)).toBe(true);
    expect(await found(rule('downstream', 'some', 3), loop)).toBe(false);
    const noExit = flow(`  - { id: contact, type: send, actor: bot, to: customer }
  - { id: wait-a-day, type: wait, next: contact }
`);
    expect(await found(rule('downstream', 'every'), noExit)).toBe(false); // no path reaches an end: no-dead-end's business
  });

  it('upstream looks back to the entries', async () => {
    const told = flow(`  - { id: tell, type: send, actor: bot, to: salesperson }
  - { id: contact, type: send, actor: bot, to: customer }
`);
    expect(await found(rule('upstream', 'every'), told)).toBe(false);
    expect(await found(rule('upstream', 'every'), flow(`  - { id: contact, type: send, actor: bot, to: customer }\n`))).toBe(true);
  });
});

describe('a declared rule with a typo is a config error at its line and column', () => {
  it.each([
    ['rules:\n  firm/x:\n    for: { type: meeting }\n    requires: { self: { writes: crm } }\n', 'pmlint.config.yaml:4:5: rule `firm/x`: unknown field `requires`; did you mean `require`?'],
    ['rules:\n  firm/x:\n    for: { type: meeting }\n    require: { downstream: { pahts: every, step: { type: send } } }\n', 'pmlint.config.yaml:4:30: rule `firm/x`: unknown field `pahts`; did you mean `paths`?'],
    ['rules:\n  firm/x:\n    for: { tpye: meeting }\n    require: { self: { writes: crm } }\n', 'pmlint.config.yaml:3:12: rule `firm/x`: unknown field `tpye`; did you mean `type`?'],
    ['rules:\n  x:\n    for: process\n    require: { has: { stage: { phase: winback } } }\n', 'pmlint.config.yaml:2:3: a rule declared here is named `<prefix>/<rule>`, such as `firm/x`'],
  ])('%j', async (config, message) => {
    expect(await configError({ 'pmlint.config.yaml': config })).toBe(message);
  });
});

describe('three built-in rules written in the rule language give the same findings on their examples', () => {
  const docs = readFileSync(join(ROOT, 'docs', 'custom-rules.md'), 'utf8');

  it.each(['step-actor', 'contact-logged', 'end-required'])('%s', async (id) => {
    const block = new RegExp('```yaml\\n# the built-in ' + id + '\\n([\\s\\S]*?)```').exec(docs);
    expect(block, `docs/custom-rules.md shows ${id}`).not.toBeNull();
    const rules = (parse(block![1]!) as { rules: Record<string, unknown> }).rules;
    const dir = join(ROOT, 'examples', 'rules', id);
    const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(fixtures.length).toBeGreaterThan(1);
    for (const fixture of fixtures) {
      const text = readFileSync(join(dir, fixture), 'utf8');
      const builtin = lintWith(text, [id]).findings.map((f) => `${f.line}:${f.column}:${f.stepId}`);
      const mine = (await lintDeclared(rules, text)).findings.map((f) => `${f.line}:${f.column}:${f.stepId}`);
      expect(mine, fixture).toEqual(builtin);
    }
  });
});
