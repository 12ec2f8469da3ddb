import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintSource } from '../src/engine/lint.js';
import { describeInference, parseBpmnMap } from '../src/parse/bpmn/index.js';
import { convertSource } from '../src/api.js';
import { loadConfig } from '../src/config/load.js';
import { pmlint, project, ROOT } from './helpers/cli.js';
import { recommended } from './helpers/lint.js';

const FIXTURE = readFileSync(join(ROOT, 'test', 'fixtures', 'bpmn', 'lease-renewal.bpmn'), 'utf8');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'bpmn');
const RULES = recommended();
const lint = (source: string | Uint8Array, name = 'model.bpmn') => lintSource(source, name, RULES);
const keys = (source: string | Uint8Array, name = 'model.bpmn'): string[] => lint(source, name).findings.map((f) => `${f.ruleId}@${f.stepId ?? '-'}`).sort();

describe('BPMN: reading a model', () => {
  const result = lint(FIXTURE);

  it('gives findings that point at the XML elements', () => {
    expect(result.fatal).toBeNull();
    expect(result.findings.map((f) => `${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      '8:3:metric-defined',
      '8:3:process-owner',
      '24:5:automated-contact-notifies-human',
      '24:5:contact-logged',
      '24:5:handoff-before-meeting',
      '24:5:marketing-consent-checked',
      '24:5:marketing-opt-out',
      '24:5:offers-shared-with-staff',
      '27:5:absence-coverage',
      '27:5:schedule-reads-live-calendar',
      '30:5:contact-logged',
      '30:5:customer-context-before-meeting',
      '30:5:feedback-collected',
    ]);
  });

  it('says what a finding rests on when it was inferred', () => {
    expect(result.findings.find((f) => f.ruleId === 'schedule-reads-live-calendar')!.message).toBe(
      "`book-appointment-online` books an appointment from `sales-timetable`, which is not live: a copy does not know who is off today (read from the BPMN model: schedule: the label 'Book appointment online' says 'book', names 'appointment' and the model has a customer pool; calendar inferred from the data store name 'Sales Timetable'; not live unless pmlint:live=\"true\" says so)",
    );
  });

  it('honours <!-- pmlint-disable-next-line rule-id --> before an element', () => {
    expect(result.suppressed!.map((f) => `${f.line}:${f.ruleId}`)).toEqual(['27:schedule-writes-calendar']);
  });

  it('maps pools, lanes, data stores, message flows, tasks and gateways onto the format, noting each inference', () => {
    const parsed = parseBpmnMap(new TextEncoder().encode(FIXTURE));
    if (!parsed.ok) throw new Error(parsed.fatal.message);
    type Data = { actors: Record<string, { type: string }>; systems: Record<string, { type: string; live?: boolean }>; steps: Record<string, unknown>[] };
    const data = parsed.map.data as Data;
    expect(Object.fromEntries(Object.entries(data.actors).map(([id, a]) => [id, a.type]))).toEqual({
      'leasing-customer': 'customer',
      dealership: 'human',
      salesperson: 'human',
      'marketing-automation': 'system',
    });
    expect(data.systems).toEqual({
      'sales-timetable': { name: 'Sales Timetable', type: 'calendar' },
      'salesperson-calendar': { name: 'Salesperson calendar', type: 'calendar', live: true },
    });
    const step = (id: string) => data.steps.find((s) => s['id'] === id)!;
    expect(step('send-lease-offer')).toMatchObject({ type: 'send', automated: true, actor: 'marketing-automation', to: 'leasing-customer', offers: ['loyalty-lease'] });
    expect(step('interested')).toMatchObject({ type: 'decision', next: [{ to: 'book-appointment-online', when: 'wants a meeting' }, { to: 'done', default: true }] });
    expect(step('book-appointment-online')).toMatchObject({ type: 'schedule', reads: ['sales-timetable'] });
    expect(step('renewal-meeting-with-the-customer')).toMatchObject({ type: 'meeting', actor: 'salesperson', with: 'leasing-customer' });
    expect(parsed.inferences!.map(describeInference)).toContain("calendar inferred from the data store name 'Sales Timetable'; not live unless pmlint:live=\"true\" says so");
  });

  it('gives the same rule ids whatever the namespace prefix and the encoding', () => {
    const base = keys(FIXTURE);
    const semantic = FIXTURE.replace(/(<\/?)bpmn:/g, '$1semantic:').replace('xmlns:bpmn=', 'xmlns:semantic=');
    const unprefixed = FIXTURE.replace(/<(\/?)bpmn:/g, '<$1').replace('xmlns:bpmn=', 'xmlns=');
    expect(keys(semantic)).toEqual(base);
    expect(keys(unprefixed)).toEqual(base);
    const latin1 = FIXTURE.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('Salesperson calendar', 'Säljarens kalender');
    const bytes = Uint8Array.from([...latin1].map((ch) => ch.charCodeAt(0)));
    const fromLatin1 = parseBpmnMap(bytes);
    expect(fromLatin1.ok && JSON.stringify(fromLatin1.map.data)).toContain('Säljarens kalender');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(FIXTURE)]);
    expect(keys(bom)).toEqual(base);
  });

  it('reads UTF-8-declared Latin-1 bytes as windows-1252, with a note, never as mojibake', () => {
    const bytes = Uint8Array.from([...FIXTURE.replace('Salesperson calendar', 'Kundenkalender für Verkäufer')].map((ch) => ch.charCodeAt(0)));
    const result = lint(bytes);
    expect(result.fatal).toBeNull();
    expect(result.findings.find((f) => f.ruleId === 'valid-schema')?.message).toMatch(/^the file declares UTF-8 but holds other bytes \(byte 0xfc at byte offset \d+\); read as windows-1252$/);
    const parsed = parseBpmnMap(bytes);
    expect(parsed.ok && JSON.stringify(parsed.map.data)).toContain('Kundenkalender für Verkäufer');
  });

  it('says a model with diagram data but no process is empty', () => {
    const diagramOnly = '<?xml version="1.0"?>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI">\n  <bpmndi:BPMNDiagram id="d"/>\n</definitions>\n';
    const result = lint(diagramOnly);
    expect(result.fatal).toBeNull();
    expect(result.findings.filter((f) => f.ruleId === 'valid-schema').map((f) => f.message)).toEqual([
      'the BPMN model is empty: it has no <process>, so there is nothing to check (diagram data only?)',
    ]);
  });

  it('refuses a file that is not BPMN', () => {
    expect(lint('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>').fatal?.message).toMatch(/^not a BPMN 2.0 model: the root element is <html>/);
  });
});

describe('BPMN: hostile files give a clear fatal or a bounded, correct run', () => {
  it('never resolves an external entity (XXE)', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&e;"/></definitions>';
    const result = lint(xxe);
    expect(result.fatal?.message).toBe('the DOCTYPE declares entities: pmlint never reads DTDs or expands entities (XXE and entity-expansion attacks)');
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('refuses an entity-expansion bomb at its DOCTYPE, before expanding it', () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol10;</definitions>`;
    // Refused at the DOCTYPE (line 2), before the root element could use an entity.
    expect(lint(bomb).fatal).toMatchObject({ message: expect.stringMatching(/^the DOCTYPE declares entities/), line: 2 });
    expect(lint('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&undefined;</definitions>').fatal?.message).toBe('XML error: undefined entity.');
  });

  it('refuses 100,000 nested elements at the 1,001st, and reads a model nested as deep as real ones', () => {
    const nest = (n: number) =>
      `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">${'<extensionElements>'.repeat(n)}${'</extensionElements>'.repeat(n)}<startEvent id="s"/></process></definitions>`;
    const deep = nest(100_000);
    // It stops at the 1,001st start tag (the column where it begins), not after reading 100,000.
    const column = deep.split('>', 1000).join('>').length + 2;
    expect(column).toBe(19_044);
    expect(lint(deep).fatal).toEqual({ message: 'elements nest deeper than 1000 levels: not a process model pmlint reads', line: 1, column });
    const real = lint(nest(200));
    expect(real.fatal).toBeNull();
    // A start event without an end event breaks BPMN (10.5.3): said where the process is.
    expect(real.findings.map((f) => `${f.ruleId}:${f.message}`)).toContain(
      'valid-schema:the process has a start event but no end event: BPMN requires one wherever a start event is used (its paths now end where they stop)',
    );
  });

  it('reports bytes that fit no encoding it reads, and a binary file', () => {
    expect(lint('<?xml version="1.0" encoding="Shift_JIS"?><definitions/>').fatal?.message).toBe('unsupported encoding "shift_jis": save the file as UTF-8');
    expect(lint(new Uint8Array([0x3c, 0x61, 0x00, 0x3e])).fatal?.message).toMatch(/^binary file/);
  });

  it('refuses a 50 MB model by default (48 MB for BPMN), and lints it under a raised `max-file-mb`', async () => {
    const task = (i: number) => `<task id="t${i}" name="Task ${i}"/><sequenceFlow id="f${i}" sourceRef="t${i}" targetRef="t${i + 1}"/>`;
    const parts = ['<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="big" name="Big">'];
    let size = 0;
    let i = 0;
    while (size < 50 * 1024 * 1024) {
      const chunk = Array.from({ length: 1000 }, () => task(i++)).join('') + '<!--' + ' '.repeat(100_000) + '-->';
      parts.push(chunk);
      size += chunk.length;
    }
    parts.push(`<task id="t${i}"/></process></definitions>`);
    const text = parts.join('');
    expect(lint(text).fatal).toEqual({ message: 'the file is 50.0 MB, over the limit of 48.0 MB (`max-file-mb` in the config)', line: 1, column: 1 });
    const result = lintSource(text, 'model.bpmn', RULES, { config: { ...(await loadConfig({ cwd: tmpdir(), search: false, plugins: false })), maxFileMb: 16 } });
    expect(result.fatal).toBeNull();
    // No start and no end event: BPMN starts at the element no flow enters and ends where the flow stops.
    const ids = result.findings.map((f) => f.ruleId);
    expect(ids).toContain('process-owner');
    expect(ids).not.toContain('start-required');
    expect(ids).not.toContain('no-unreachable');
  }, 120_000);
});

describe('BPMN: pmlint convert', () => {
  it('writes a YAML map that lints to the same rule ids, with comments on what was inferred', async () => {
    const converted = await convertSource(FIXTURE.replace('    <!-- pmlint-disable-next-line schedule-writes-calendar -->\n', ''), 'lease-renewal.bpmn', { config: await loadConfig({ cwd: tmpdir(), search: false, plugins: false }) });
    if (!converted.ok) throw new Error(converted.message);
    const { yaml } = converted;
    expect(yaml).toContain("    # system: the lane name 'Marketing Automation' says 'automation'\n");
    expect(yaml).toContain("to: leasing-customer # the customer: a message flow goes to the pool 'Leasing Customer'\n");
    expect(parse(yaml)).toBeTruthy();
    const fromBpmn = keys(FIXTURE.replace('    <!-- pmlint-disable-next-line schedule-writes-calendar -->\n', ''));
    expect(keys(yaml, 'converted.yaml')).toEqual(fromBpmn);
  });

  it('on the command line, to stdout or a file; exit 2 for a file it cannot read', () => {
    const dir = project({ 'm.bpmn': FIXTURE, 'bad.bpmn': '<definitions' });
    const run = pmlint(['convert', 'm.bpmn'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# yaml-language-server: \$schema=/);
    expect(pmlint(['convert', 'm.bpmn', '-o', 'm.yaml'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
    expect(pmlint(['check', 'm.yaml'], { cwd: dir }).code).toBe(1);
    expect(pmlint(['convert', 'bad.bpmn'], { cwd: dir })).toMatchObject({ code: 2 });
  });

  it('finds .bpmn files in folders', () => {
    const dir = project({ 'models/a.bpmn': FIXTURE, 'models/notes.xml': '<a/>' });
    const out = JSON.parse(pmlint(['check', 'models', '-f', 'json'], { cwd: dir }).stdout) as { files: { file: string }[] };
    expect(out.files.map((f) => f.file)).toEqual(['models/a.bpmn']);
  });
});

describe.runIf(existsSync(CORPUS))('BPMN: the real models in ../shared/corpus/bpmn', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.bpmn')) : [];
  const read = (f: string) => lint(readFileSync(join(CORPUS, f)), f);

  it.each(files)('%s loads without a fatal and without an internal error', (file) => {
    const result = read(file);
    expect(result.fatal).toBeNull();
    expect(result.findings.filter((f) => f.internal)).toEqual([]);
    expect(result.outline!.steps.length).toBeGreaterThan(0);
  });

  it('flags in the travel booking only the send whose label names the customer: no message flow says where the others go', () => {
    const ids = read('reference-C.6.0.bpmn').findings.filter((f) => f.ruleId === 'automated-contact-notifies-human').map((f) => f.stepId);
    expect(ids).toEqual(['notify-customer-offer-expired']);
  });

  it('does not say the document request lacks a human touchpoint (it ends with "Call customer")', () => {
    expect(read('reference-C.9.1.bpmn').findings.map((f) => f.ruleId)).not.toContain('human-touchpoint');
  });

  it('gives the same rule ids for a corpus model re-serialised with other prefixes and encodings', () => {
    const original = readFileSync(join(CORPUS, 'reference-C.9.1.bpmn'), 'utf8');
    const base = keys(original);
    expect(keys(original.replace(/bpmn:/g, 'model:').replace('xmlns:bpmn=', 'xmlns:model='))).toEqual(base);
    expect(keys(original.replace(/<(\/?)bpmn:/g, '<$1').replace('xmlns:bpmn=', 'xmlns='))).toEqual(base);
    const latin1 = original.replace('encoding="UTF-8"', 'encoding="windows-1252"');
    expect(keys(Uint8Array.from([...latin1].map((c) => c.charCodeAt(0))))).toEqual(base);
  });
});

describe('BPMN: the lexicon is configurable', () => {
  it('bpmn.customer in the config makes a pool named with a firm\'s own word a customer', async () => {
    const { lintFiles } = await import('../src/api.js');
    const model = FIXTURE.replace('name="Leasing Customer"', 'name="Mieter"');
    const without = project({ 'm.bpmn': model });
    const plain = await lintFiles(['m.bpmn'], { cwd: without });
    expect(plain.files[0]!.outline!.actors.find((a) => a.name === 'Mieter')?.type).toBe('human');
    const withWords = project({ 'm.bpmn': model, 'pmlint.config.yaml': 'bpmn:\n  customer: [mieter]\n' });
    const configured = await lintFiles(['m.bpmn'], { cwd: withWords });
    expect(configured.files[0]!.outline!.actors.find((a) => a.name === 'Mieter')?.type).toBe('customer');
  });

  it('carries the words of a config it extends, adding its own', async () => {
    const { loadConfig } = await import('../src/config/load.js');
    const dir = project({
      'firm.yaml': 'bpmn:\n  customer: [mieter]\n  calendar: [dienstplan]\n',
      'pmlint.config.yaml': 'extends: [pmlint:recommended, ./firm.yaml]\nbpmn:\n  customer: [pächter]\n',
    });
    expect((await loadConfig({ cwd: dir })).bpmnWords).toEqual({ customer: ['pächter', 'mieter'], calendar: ['dienstplan'] });
  });
});
