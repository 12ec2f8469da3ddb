import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { lintSource } from '../src/engine/lint.js';
import { recommended } from './helpers/lint.js';
import { summarize, type FileResult } from '../src/findings.js';
import { renderDot } from '../src/formatters/diagram/dot.js';
import { renderMermaid } from '../src/formatters/diagram/mermaid.js';
import { formatters } from '../src/formatters/index.js';
import { applyPlan } from '../src/plan/apply.js';
import { pmlint, project, ROOT } from './helpers/cli.js';
import { dot, dotLabels, parseMermaid } from './helpers/diagram-parsers.js';
import { expectGolden } from './helpers/golden.js';

const RECOMMENDED = recommended();
const RULES = new Map(builtinRules.map((r) => [r.meta.id, r.meta]));
const lintText = (text: string, file: string): FileResult => lintSource(text, file, RECOMMENDED);
const lintExample = (name: string): FileResult => lintText(readFileSync(join(ROOT, 'examples', name), 'utf8'), `examples/${name}`);
const report = (...files: FileResult[]): string => formatters['markdown']!(summarize(files), { color: false, rules: RULES });
const mermaidBlocks = (md: string): string[] => [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

const EXAMPLES = ['dealership-lease-renewal', 'dealership-lease-renewal-fixed', 'car-ownership-journey', 'car-ownership-journey-fixed', 'service-booking'];

describe.each(EXAMPLES)('examples/%s.yaml', (name) => {
  const result = lintExample(`${name}.yaml`);

  it('gives the golden Markdown report', () => expectGolden(`${name}.report.md`, report(result)));
  it('gives the golden Mermaid diagram, which Mermaid parses', async () => {
    const text = renderMermaid(result.outline!, result.findings, result.plan);
    expectGolden(`${name}.mmd`, text);
    await expect(parseMermaid(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    for (const block of mermaidBlocks(report(result))) await expect(parseMermaid(block)).resolves.toBeTruthy();
  });
  it('gives the golden DOT diagram, which a DOT parser reads', () => {
    const text = renderDot(result.outline!, result.findings, result.plan);
    expectGolden(`${name}.dot`, text);
    const labels = dotLabels(dot(text));
    result.outline!.steps.forEach((step, i) => expect(labels.get(`s${i}`)).toBe(step.name));
  });
});

describe('the diagram checks can fail', () => {
  it('Mermaid rejects a broken flowchart and DOT a broken graph', async () => {
    await expect(parseMermaid('flowchart LR\n  s0["unclosed --> s1\n')).rejects.toThrow();
    expect(() => dot('digraph { s0 -> }')).toThrow();
  });
});

describe('the RIMS scorecard', () => {
  it('is below 100 in all five dimensions on the draft journey and 100 on its fixed twin', () => {
    expect(lintExample('car-ownership-journey.yaml').rims).toEqual({ R: 85, I: 90, M: 92, S: 50, H: 88 });
    expect(lintExample('car-ownership-journey-fixed.yaml')).toMatchObject({ rims: { R: 100, I: 100, M: 100, S: 100, H: 100 }, findings: [] });
  });

  it('moves step by step as a map is fixed', () => {
    const draft = readFileSync(join(ROOT, 'examples', 'car-ownership-journey.yaml'), 'utf8');
    const owned = draft.replace('  kind: journey\n', '  kind: journey\n  owner: customer-experience-manager\n');
    expect(lintText(owned, 'x.yaml').rims.R).toBe(92); // 12 of 13 R checks pass: the welcome call still has no actor
    const logged = owned.replace('    offers: winback-service\n', '    offers: winback-service\n    writes: crm\n');
    expect(lintText(logged, 'x.yaml').rims.M).toBe(96); // only the lapse stage is unmeasured
  });

  it('H counts the hand-over, scheduling and consent checks, and a rule switched off leaves the rest of H as it was', () => {
    const text = readFileSync(join(ROOT, 'examples', 'dealership-lease-renewal.yaml'), 'utf8');
    const full = lintText(text, 'x.yaml');
    // Without the rule with the most findings, H is the share of the others' checks that pass: higher, never 0.
    const without = lintSource(text, 'x.yaml', RECOMMENDED.filter((a) => a.rule.meta.id !== 'automated-contact-notifies-human'));
    expect(full.rims.H).toBe(22); // 5 of 22 checks pass (17 findings)
    expect(without.rims.H).toBe(26); // its 3 checks and 3 findings out: 5 of 19
    // The RIMS hub does not move.
    expect({ ...without.rims, H: null }).toEqual({ ...full.rims, H: null });
    // Without any rule of the tyre there is no H figure at all.
    const hub = lintSource(text, 'x.yaml', RECOMMENDED.filter((a) => !['handoff', 'scheduling', 'consent'].includes(a.rule.meta.category)));
    expect(hub.rims.H).toBeNull();
  });

  it('shows on each example', () => {
    // The founding story: the hub is sound, but the human touch is not (H), and nobody asks the customer how it went (I).
    expect(lintExample('dealership-lease-renewal.yaml').rims).toEqual({ R: 100, I: 75, M: 100, S: 100, H: 22 });
    expect(lintExample('web-lead-follow-up.yaml').rims).toEqual({ R: 100, I: 100, M: 100, S: null, H: 100 });
  });

  it('does not change when a missing hand-over is added, and the findings drop', () => {
    const text = readFileSync(join(ROOT, 'examples', 'dealership-lease-renewal.yaml'), 'utf8');
    const before = lintText(text, 'x.yaml');
    const handOver = before.plan!.filter((i) => i.ruleIds.includes('handoff-before-meeting'));
    expect(handOver).toHaveLength(1);
    const after = lintText(applyPlan(text, handOver).text, 'x.yaml');
    expect(after.findings.filter((f) => f.ruleId === 'handoff-before-meeting')).toEqual([]);
    expect(after.findings.length).toBeLessThan(before.findings.length);
  });
});

describe('the Markdown report', () => {
  it('has a section per map and one scorecard row per map', () => {
    const md = report(lintExample('car-ownership-journey.yaml'), lintExample('car-ownership-journey-fixed.yaml'));
    expect(md.match(/^## /gm)).toHaveLength(2);
    expect(md).toContain('| `examples/car-ownership-journey.yaml` | Car ownership journey | 85 | 90 | 92 | 50 | 88 |');
    expect(md).toContain('| `examples/car-ownership-journey-fixed.yaml` | Car ownership journey | 100 | 100 | 100 | 100 | 100 |');
  });

  it('lists the missing activities as a checklist, once each', () => {
    const md = report(lintExample('dealership-lease-renewal.yaml'));
    const items = md.split('\n').filter((l) => l.startsWith('- [ ] '));
    // The plan: the three notifications after the confirmation are one step to both people, sharing all they need.
    expect(items).toHaveLength(8);
    expect(items[3]).toBe(
      '- [ ] **Give `send-reminder-email` a way to opt out: an unsubscribe link, or "reply STOP"; Cap `send-reminder-email` at 3 times for one customer, then hand over or close**: ' +
        'in the existing step `send-reminder-email`, give the message a way to opt out (`opt-out: true`) and cap it at `max-repeats: 3`. _(marketing-opt-out, reminder-repeats-capped)_',
    );
    expect(items[6]).toBe(
      '- [ ] **Notify `salesperson` and `sales-manager` after `send-booking-confirmation`, sharing `appointment`, `customer-history` and `loyalty-lease`**: ' +
        'add a `send` step by `booking-site` to `salesperson` and `sales-manager`, sharing `appointment`, `customer-history`, `loyalty-lease`, ' +
        'after `send-booking-confirmation` (on the way to `lease-meeting`). ' +
        '_(handoff-before-meeting, offers-shared-with-staff, customer-context-before-meeting, automated-contact-notifies-human)_',
    );
  });

  it('reports a file it could not read', () => {
    const md = report(lintText('pmlint: 1\nprocess: [oops\n', 'broken.yaml'));
    expect(md).toContain('pmlint could not read this map: YAML syntax error');
  });
});

describe('names in any language and of any length survive every format', () => {
  const long = 'Ring kunden och bekräfta den bokade tiden '.repeat(8).trim();
  const text = `pmlint: 1
process: { id: säljprocess, name: "Säljprocess för återköp", owner: säljchef }
actors:
  kund: { name: "Kund <privat> & \\"företag\\"", type: customer }
  säljare: { name: "Säljare #1 [Göteborg]", type: human, reports-to: säljchef }
  säljchef: { name: Säljchef, type: human }
  automat: { name: "E-post \`robot\`", type: system }
systems: { crm: { type: crm } }
stages: [{ id: återköp, name: Återköp, phase: repurchase }]
steps:
  - { id: start, type: start, name: "Leasing löper ut 🚗" }
  - { id: erbjudande, type: send, actor: automat, to: kund, name: "Erbjudande: \\"lojalitet\\" {10%} <nu>", writes: crm, stage: återköp }
  - { id: samtal, type: send, actor: säljare, to: kund, name: "${long}", writes: crm }
  - { id: klart, type: end, name: Klart }
`;
  const result = lintText(text, 'säljprocess.yaml');
  const names = ['Leasing löper ut 🚗', 'Erbjudande: "lojalitet" {10%} <nu>', long, 'Klart'];

  it('reads the map', () => {
    expect(result.fatal).toBeNull();
    expect(result.findings.map((f) => f.ruleId)).toContain('automated-contact-notifies-human');
  });

  it('in stylish and json', () => {
    expect(formatters['stylish']!(summarize([result]), { color: false })).toContain('`erbjudande` contacts the customer automatically');
    const json = JSON.parse(formatters['json']!(summarize([result]), { color: false })) as { files: { file: string }[] };
    expect(json.files[0]!.file).toBe('säljprocess.yaml');
  });

  it('in Markdown', async () => {
    const md = report(result);
    expect(md).toContain('## Säljprocess för återköp (`säljprocess.yaml`)');
    for (const block of mermaidBlocks(md)) await expect(parseMermaid(block)).resolves.toBeTruthy();
  });

  it('in Mermaid, escaped so that it parses', async () => {
    const text = renderMermaid(result.outline!, result.findings, result.plan);
    await expect(parseMermaid(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    expect(text).toContain('Erbjudande: #34;lojalitet#34; {10%} #60;nu#62;');
    expect(text).toContain('subgraph lane1["Säljare #35;1 [Göteborg]"]');
    expect(text).toContain(long);
  });

  it('in DOT, with every label read back as written', () => {
    const labels = dotLabels(dot(renderDot(result.outline!, result.findings, result.plan)));
    names.forEach((name, i) => expect(labels.get(`s${i}`)).toBe(name));
  });
});

describe('pmlint report and pmlint graph', () => {
  it('report -o writes one file, whole, and leaves nothing beside it', () => {
    const dir = project({ 'maps/a.yaml': readFileSync(join(ROOT, 'examples', 'car-ownership-journey.yaml'), 'utf8') });
    const run = pmlint(['report', 'maps', '-o', 'out/gaps.md'], { cwd: dir });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(readFileSync(join(dir, 'out', 'gaps.md'), 'utf8')).toMatch(/^# Process-map gap report\n/);
    expect(readdirSync(join(dir, 'out'))).toEqual(['gaps.md']);
  });

  it('report replaces an existing file', () => {
    const dir = project({ 'a.yaml': readFileSync(join(ROOT, 'examples', 'service-booking.yaml'), 'utf8'), 'gaps.md': 'old' });
    expect(pmlint(['report', 'a.yaml', '-o', 'gaps.md'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'gaps.md'), 'utf8')).toContain('Workshop service booking');
  });

  it('graph prints Mermaid by default and DOT on request', () => {
    const mermaid = pmlint(['graph', 'examples/dealership-lease-renewal.yaml']);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toBe(readFileSync(join(ROOT, 'test', 'golden', 'dealership-lease-renewal.mmd'), 'utf8'));
    const dotRun = pmlint(['graph', 'examples/dealership-lease-renewal.yaml', '--format', 'dot']);
    expect(dotRun.stdout).toBe(readFileSync(join(ROOT, 'test', 'golden', 'dealership-lease-renewal.dot'), 'utf8'));
  });

  it('graph exits 2 on a file it cannot read', () => {
    const dir = project({ 'bad.yaml': 'pmlint: 1\nprocess: [oops\n' });
    const run = pmlint(['graph', 'bad.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^pmlint: bad.yaml:3:1: YAML syntax error/);
    expect(existsSync(join(dir, 'bad.yaml'))).toBe(true);
  });
});
