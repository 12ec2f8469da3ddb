import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanInsert, PlanItem } from '../src/findings.js';
import { applyPlan } from '../src/plan/apply.js';
import { pmlint, project, ROOT } from './helpers/cli.js';

const STORY = readFileSync(join(ROOT, 'examples', 'dealership-lease-renewal.yaml'), 'utf8');
const comments = (text: string): string[] => text.split('\n').filter((l) => l.includes('#'));

const MAP = `pmlint: 1
process: { id: demo, name: Demo, owner: boss }
actors:
  boss: { type: human }   # the manager
  bot: { type: system }
steps:
  # where it begins
  - id: begin
    type: start
    next: mail   # straight to the mail
  - id: mail
    type: send
    actor: bot
    to: boss
  - id: choose
    type: decision
    next:
      - to: done
        when: yes   # happy path
      # the other way
      - to: done
        default: true
  - id: done
    type: end
`;

const insert = (after: string, id: string): PlanInsert => ({ kind: 'insert', title: `add ${id}`, after, step: { id, type: 'task', actor: 'boss', reads: ['crm', 'calendar'] }, ruleIds: ['x'] });

describe('applyPlan: the plan spliced into the text', () => {
  it('inserts after a step with a `next`, moving that `next` (and its comment) to the new step', () => {
    const { text, applied } = applyPlan(MAP, [insert('begin', 'look-up')]);
    expect(applied).toHaveLength(1);
    expect(text).toBe(
      MAP.replace(
        '    next: mail   # straight to the mail\n',
        '    next: look-up\n  - id: look-up\n    type: task\n    actor: boss\n    reads: [crm, calendar]\n    next: mail   # straight to the mail\n',
      ),
    );
  });

  it('inserts after a step whose flow is implicit: the new step comes next in the list', () => {
    const { text } = applyPlan(MAP, [insert('mail', 'log')]);
    expect(text).toBe(MAP.replace('    to: boss\n', '    to: boss\n  - id: log\n    type: task\n    actor: boss\n    reads: [crm, calendar]\n'));
  });

  it('puts a step on one branch of a decision: that branch now leads to it, and it leads on', () => {
    const { text, skipped } = applyPlan(MAP, [{ ...insert('choose', 'brief'), branch: 'done' }]);
    expect(skipped).toEqual([]);
    expect(text).toBe(
      MAP.replace('      - to: done\n        when: yes   # happy path\n', '      - to: brief\n        when: yes   # happy path\n').replace(
        '        default: true\n',
        '        default: true\n  - id: brief\n    type: task\n    actor: boss\n    reads: [crm, calendar]\n    next: done\n',
      ),
    );
    expect(applyPlan(MAP, [{ ...insert('choose', 'x'), branch: 'mail' }]).skipped.map((s) => s.reason)).toEqual(['`choose` has no flow to `mail`']);
  });

  it('keeps the map\'s CRLF or CR line ends', () => {
    for (const eol of ['\r\n', '\r']) {
      const text = MAP.split('\n').join(eol);
      const { text: fixed, applied } = applyPlan(text, [insert('begin', 'look-up')]);
      expect(applied).toHaveLength(1);
      expect(fixed).toBe(applyPlan(MAP, [insert('begin', 'look-up')]).text.split('\n').join(eol));
    }
  });

  it('never puts a step after a decision without a branch, nor after an end, and says why', () => {
    const { text, skipped } = applyPlan(MAP, [insert('choose', 'a'), insert('done', 'b'), insert('nowhere', 'c')]);
    expect(text).toBe(MAP);
    expect(skipped.map((s) => s.reason)).toEqual(['`choose` is a decision: say on which branch the step goes', '`done` is an end: nothing follows it', 'the map has no step `nowhere`']);
  });

  it('extends a scalar, a missing field and a block list in place', () => {
    const plan: PlanItem[] = [
      { kind: 'extend', title: 't', step: 'mail', add: { to: ['bot'], shares: ['customer-history'] }, ruleIds: ['x'] },
      { kind: 'extend', title: 't', step: 'choose', add: { shares: ['appointment'] }, ruleIds: ['x'] },
    ];
    const { text } = applyPlan(MAP, plan);
    expect(text).toBe(MAP.replace('    to: boss\n', '    to: [boss, bot]\n    shares: customer-history\n').replace('        default: true\n', '        default: true\n    shares: appointment\n'));
    const block = MAP.replace('    to: boss\n', '    to:\n      - boss   # first\n');
    expect(applyPlan(block, [plan[0]!]).text).toContain('    to:\n      - boss   # first\n      - bot\n');
  });

  it('keeps every comment line of the map, whatever it applies', () => {
    const { text } = applyPlan(MAP, [insert('begin', 'a'), insert('mail', 'b'), { kind: 'extend', title: 't', step: 'mail', add: { to: ['bot'] }, ruleIds: ['x'] }]);
    for (const line of comments(MAP)) expect(text).toContain(line.trimStart().startsWith('#') ? line : line.slice(line.indexOf('#')));
  });
});

describe('applyPlan on maps written in unusual ways (found by a hostile tester)', () => {
  const extendWrites: PlanItem = { kind: 'extend', title: 't', step: 'book', add: { writes: ['cal'] }, ruleIds: ['x'] };
  const BOOK = 'steps:\n  - id: book\n    type: schedule\n    reads: [cal]\n    # written by hand afterwards\n  - id: meet\n    type: meeting\n';

  it('a comment on the last line of a step: the new field stays in that step', () => {
    expect(applyPlan(BOOK, [extendWrites]).text).toBe(BOOK.replace('    # written by hand afterwards\n', '    # written by hand afterwards\n    writes: cal\n'));
  });

  it('a file without a final line break: the edit ends its line, and the file still has no final line break', () => {
    const text = 'steps:\n  - id: book\n    type: schedule\n    reads: [cal]  # go';
    expect(applyPlan(text, [extendWrites]).text).toBe('steps:\n  - id: book\n    type: schedule\n    reads: [cal]  # go\n    writes: cal');
  });

  it('an alias, an anchor or a folded value is left to its author, with the reason', () => {
    for (const value of ['*cals', '&cals [cal]', '>-\n      cal']) {
      const text = `steps:\n  - id: book\n    type: schedule\n    writes: ${value}\n`;
      const { text: out, skipped } = applyPlan(text, [extendWrites]);
      expect(out).toBe(text);
      expect(skipped.map((x) => x.reason)).toEqual(['`writes` of `book` is not written as plain ids: add `cal` by hand']);
    }
  });

  it('a block list written with a wide dash gets its new item written the same way', () => {
    const text = 'steps:\n  - id: book\n    type: schedule\n    writes:\n      -   dms\n';
    expect(applyPlan(text, [extendWrites]).text).toBe(`${text}      -   cal\n`);
  });

  it('an empty `systems:` or `systems: {}` gets the system; one it cannot edit keeps the steps that need it out', () => {
    const system: PlanItem = { kind: 'system', title: 'add', id: 'cal', system: { name: 'Calendar', type: 'calendar', live: true }, ruleIds: ['x'] };
    const needs: PlanItem = { ...insert('begin', 'look'), step: { id: 'look', type: 'task', reads: 'cal' } };
    const base = 'pmlint: 1\nactors:\n  a: { type: human }\nsystems:SYSTEMS\nsteps:\n  - id: begin\n    type: start\n';
    expect(applyPlan(base.replace('SYSTEMS', ''), [system]).text).toContain('systems:\n  cal: { name: Calendar, type: calendar, live: true }\nsteps:');
    expect(applyPlan(base.replace('SYSTEMS', ' {}'), [system]).text).toContain('systems:\n  cal: { name: Calendar, type: calendar, live: true }\nsteps:');
    // A comment stays where it was: on the key's line, or above the `steps:` it introduces.
    expect(applyPlan(base.replace('SYSTEMS', ' {}  # filled in later'), [system]).text).toContain('systems:  # filled in later\n  cal: { name');
    expect(applyPlan(base.replace('SYSTEMS', '  # filled in later'), [system]).text).toContain('systems:  # filled in later\n  cal: { name');
    const noSystems = 'pmlint: 1\nactors:\n  a: { type: human }\n# The steps, in order\nsteps:\n  - id: begin\n    type: start\n';
    expect(applyPlan(noSystems, [system]).text).toContain('  a: { type: human }\nsystems:\n  cal: { name: Calendar, type: calendar, live: true }\n# The steps, in order\nsteps:');
    const flow = applyPlan(base.replace('SYSTEMS', ' { crm: { type: crm } }'), [system, needs]);
    expect(flow.applied).toEqual([]);
    expect(flow.skipped.map((x) => x.reason)).toEqual([
      "the map's `systems` is not laid out one system a line: add the system by hand",
      'it needs the system `cal`, which could not be added',
    ]);
  });
});

describe('pmlint fix', () => {
  it('writes the founding story\'s plan into the map: its activities (the booking now writes the calendar, the e-mails carry an opt-out), no finding left, every comment kept', () => {
    const dir = project({ 'lease.yaml': STORY });
    const run = pmlint(['fix', 'lease.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('pmlint: fixed lease.yaml: added 5 steps, extended 3 steps, added 1 system\n');
    const left = JSON.parse(run.stdout) as { files: { findings: { category: string }[] }[] };
    expect(left.files[0]!.findings).toEqual([]);
    const fixed = readFileSync(join(dir, 'lease.yaml'), 'utf8');
    for (const line of comments(STORY)) expect(fixed).toContain(line);
    expect(fixed.split('\n').length - STORY.split('\n').length).toBe(30);
    expect(fixed).toContain('    reads: booking-slots\n    writes: [dms, salesperson-calendar]\n');
    // A second run finds nothing to do and changes nothing.
    expect(pmlint(['fix', 'lease.yaml'], { cwd: dir })).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, 'lease.yaml'), 'utf8')).toBe(fixed);
  });

  it('adds the booked person\'s live calendar when the map has none, the step that offers its free slots, and the booking writes into it', () => {
    const map = [
      'pmlint: 1',
      'process: { id: service, name: Service booking, owner: advisor }',
      'actors:',
      '  customer: { type: customer }',
      '  advisor: { type: human, name: Service advisor }   # the service advisor',
      '  site: { type: system }',
      'steps:',
      '  - id: due',
      '    type: start',
      '  - id: book',
      '    type: schedule',
      '    actor: customer',
      '  - id: visit',
      '    type: meeting',
      '    actor: advisor',
      '    with: customer',
      '    reads: crm-notes',
      '  - id: done',
      '    type: end',
      '',
    ].join('\n');
    const dir = project({ 'service.yaml': map.replace('    reads: crm-notes\n', '') });
    const run = pmlint(['fix', 'service.yaml', '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('pmlint: fixed service.yaml: added 4 steps, extended 1 step, added 1 system\n');
    const fixed = readFileSync(join(dir, 'service.yaml'), 'utf8');
    expect(fixed).toContain("  site: { type: system }\nsystems:\n  advisor-calendar: { name: Service advisor's calendar, type: calendar, live: true, owner: advisor }\nsteps:\n");
    expect(fixed).toContain('  - id: check-advisor-availability\n    type: task\n    actor: site\n    reads: advisor-calendar\n  - id: book\n    type: schedule\n    actor: customer\n    writes: advisor-calendar\n');
    const left = JSON.parse(run.stdout) as { files: { findings: { ruleId: string; category: string }[] }[] };
    expect(left.files[0]!.findings.filter((f) => f.category === 'handoff' || f.category === 'scheduling').map((f) => f.ruleId)).toEqual([]);
  });

  it('fills what the map does not settle with its best reading, marked `# pmlint: check this`', () => {
    const map = [
      'pmlint: 1',
      'process: { id: p, name: P, owner: boss }',
      'actors:',
      '  customer: { type: customer }',
      '  boss: { type: human }',
      '  agent: { type: human }',
      'steps:',
      '  - id: begin',
      '    type: start',
      '  - id: mail',
      '    type: send',
      '    actor: agent',
      '    automated: true',
      '    to: customer',
      '  - id: meet',
      '    type: meeting',
      '    actor: boss',
      '    with: customer',
      '  - id: done',
      '    type: end',
      '',
    ].join('\n');
    const dir = project({ 'p.yaml': map });
    expect(pmlint(['fix', 'p.yaml'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'p.yaml'), 'utf8')).toContain(
      '  - id: notify-boss-after-mail\n    type: send\n    actor: agent # pmlint: check this\n    to: boss\n    shares: [appointment, customer-history]\n  - id: meet\n',
    );
  });

  it('--fix-dry-run prints the unified diff and writes nothing', () => {
    const dir = project({ 'lease.yaml': STORY });
    const run = pmlint(['check', 'lease.yaml', '--fix-dry-run'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^--- a\/lease\.yaml\n\+\+\+ b\/lease\.yaml\n@@ /);
    expect(run.stdout).toContain('+  - id: notify-salesperson-sales-manager-after-send-booking-confirmation\n+    type: send\n+    actor: booking-site\n+    to: [salesperson, sales-manager]\n');
    expect(run.stderr).toBe('pmlint: would fix lease.yaml: added 5 steps, extended 3 steps, added 1 system\npmlint: after the fix, 0 errors and 0 warnings would remain\n');
    expect(readFileSync(join(dir, 'lease.yaml'), 'utf8')).toBe(STORY);
  });

  it('writes a map back in the encoding it was read in: UTF-8 with a byte-order mark, UTF-16 LE or BE', () => {
    const expected = (() => {
      const dir = project({ 'lease.yaml': STORY });
      pmlint(['fix', 'lease.yaml'], { cwd: dir });
      return readFileSync(join(dir, 'lease.yaml'), 'utf8');
    })();
    const encodings: [string, (t: string) => Buffer, (b: Buffer) => string][] = [
      ['utf8-bom', (t) => Buffer.from(`\uFEFF${t}`, 'utf8'), (b) => b.toString('utf8')],
      ['utf16le', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), (b) => `\uFEFF${b.subarray(2).toString('utf16le')}`],
      ['utf16be', (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]), (b) => `\uFEFF${Buffer.from(b.subarray(2)).swap16().toString('utf16le')}`],
    ];
    for (const [name, encode, decode] of encodings) {
      const dir = project({});
      writeFileSync(join(dir, 'lease.yaml'), encode(STORY));
      expect(pmlint(['fix', 'lease.yaml'], { cwd: dir }).stderr, name).toBe('pmlint: fixed lease.yaml: added 5 steps, extended 3 steps, added 1 system\n');
      const bytes = readFileSync(join(dir, 'lease.yaml'));
      expect(bytes.equals(encode(expected)), name).toBe(true);
      expect(decode(bytes), name).toBe(`\uFEFF${expected}`);
    }
  });

  it('never rewrites a BPMN model: it says to convert it first', () => {
    const bpmn = readFileSync(join(ROOT, 'test', 'fixtures', 'bpmn', 'lease-renewal.bpmn'), 'utf8');
    const dir = project({ 'lease.bpmn': bpmn });
    const run = pmlint(['fix', 'lease.bpmn'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^pmlint: lease\.bpmn: not applied: .*: a BPMN model is never rewritten: `pmlint convert` it to a YAML map first\n/);
    expect(readFileSync(join(dir, 'lease.bpmn'), 'utf8')).toBe(bpmn);
  });
});
