import type { FileResult, Finding, LintResult, PlanItem } from '../findings.js';
import type { SuggestedStep } from '../rule.js';
import { renderMermaid } from './diagram/mermaid.js';
import { pushTo } from '../util/list.js';
import { asList, md, plural } from './text.js';
import { docsUrl, type FormatContext, type Formatter } from './types.js';

function code(id: string): string {
  return '`' + id.replace(/`/g, "'") + '`';
}

function score(value: number | null): string {
  return value === null ? '—' : String(value);
}

/** "a `send` step by `crm-bot` to `salesperson`, sharing `appointment`" */
function describeStep(step: SuggestedStep): string {
  const parts = [`a \`${step.type}\` step`];
  if (step.actor) parts.push(`by ${code(step.actor)}`);
  const to = asList(step.to);
  if (to.length > 0) parts.push(`to ${to.map(code).join(' and ')}`);
  const extras: string[] = [];
  if (step.shares?.length) extras.push(`sharing ${step.shares.map(code).join(', ')}`);
  if (asList(step.reads).length) extras.push(`reading ${asList(step.reads).map(code).join(', ')}`);
  if (asList(step.writes).length) extras.push(`writing to ${asList(step.writes).map(code).join(', ')}`);
  if (step.channel) extras.push(`by ${step.channel}`);
  if (step.purpose) extras.push(`for ${step.purpose}`);
  if (step.timeout) extras.push(`giving up after ${step.timeout.after} (then ${code(step.timeout.next)})`);
  return [parts.join(' '), ...extras].join(', ');
}

function summary(file: FileResult, errors: number, warnings: number, missing: readonly PlanItem[]): string {
  if (file.fatal) return `pmlint could not read this map: ${md(file.fatal.message)} (line ${file.fatal.line}, column ${file.fatal.column}).`;
  if (errors + warnings === 0) return 'pmlint found nothing to fix in this map.';
  const found = `pmlint found **${plural(errors, 'error')}** and **${plural(warnings, 'warning')}** in this map.`;
  if (missing.length === 0) return found;
  const activities = missing.length === 1 ? '1 activity is' : `${missing.length} activities are`;
  const names = missing.map((m) => code(m.kind === 'insert' ? m.step.id : m.kind === 'extend' ? m.step : m.id)).join(', ');
  return `${found} **${activities} missing** (${names}): each is listed below with where it belongs.`;
}

function findingsByStep(file: FileResult, context: FormatContext): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of file.findings) {
    const key = f.stepId ?? '';
    pushTo(groups, key, f);
  }
  const names = new Map(file.outline?.steps.map((s) => [s.id, s.name]) ?? []);
  const out: string[] = [];
  for (const [stepId, findings] of groups) {
    const name = names.get(stepId);
    out.push(stepId === '' ? '#### The map as a whole' : `#### ${code(stepId)}${name && name !== stepId ? ` — ${md(name)}` : ''}`, '');
    out.push('| severity | rule | finding | where |', '|---|---|---|---|');
    for (const f of findings) {
      const via = f.path && f.path.length > 1 ? `<br>via: ${f.path.map((id) => `\`${id}\``).join(' → ')}` : '';
      out.push(`| ${f.severity} | [${f.ruleId}](${docsUrl(f.ruleId, context.rules)}) | ${md(f.message)}${via} | \`${file.file}:${f.line}:${f.column}\` |`);
    }
    out.push('');
  }
  return out;
}

function section(file: FileResult, context: FormatContext): string[] {
  const errors = file.findings.filter((f) => f.severity === 'error').length;
  const warnings = file.findings.length - errors;
  const missing = file.plan ?? [];
  const title = file.outline?.name ? `${md(file.outline.name)} (\`${file.file}\`)` : `\`${file.file}\``;
  const out = [`## ${title}`, '', summary(file, errors, warnings, missing), ''];
  if (file.fatal) return out;
  out.push(`RIMS: R ${score(file.rims.R)} · I ${score(file.rims.I)} · M ${score(file.rims.M)} · S ${score(file.rims.S)} · H ${score(file.rims.H)}`, '');
  if (missing.length > 0) {
    out.push('### Missing activities', '');
    for (const item of missing) {
      if (item.kind === 'system') {
        const fields = [`type \`${item.system.type}\``, ...(item.system.live ? ['live'] : []), ...(item.system.owner ? [`owned by ${code(item.system.owner)}`] : [])];
        out.push(`- [ ] **${md(item.title)}**: a system ${code(item.id)} (${md(item.system.name)}), ${fields.join(', ')}. _(${item.ruleIds.join(', ')})_`);
        continue;
      }
      if (item.kind === 'extend') {
        const add = [
          ...(item.add.to ? [`send it to ${item.add.to.map(code).join(' and ')} too`] : []),
          ...(item.add.shares ? [`share ${item.add.shares.map(code).join(', ')}`] : []),
          ...(item.add.reads ? [`read ${item.add.reads.map(code).join(', ')}`] : []),
          ...(item.add.writes ? [`write to ${item.add.writes.map(code).join(', ')}`] : []),
          ...(item.set?.type ? [`make it a ${code(item.set.type)}`] : []),
          ...(item.set?.['opt-out'] ? ['give the message a way to opt out (`opt-out: true`)'] : []),
          ...(item.set?.['max-repeats'] ? [`cap it at ${code(`max-repeats: ${item.set['max-repeats']}`)}`] : []),
        ];
        out.push(`- [ ] **${md(item.title)}**: in the existing step ${code(item.step)}, ${add.join(' and ')}. _(${item.ruleIds.join(', ')})_`);
        continue;
      }
      const where = !item.after
        ? 'at the start'
        : item.onTimeout
          ? `on the flow ${code(item.after)} takes when nothing arrives in time${item.branch ? ` (then on to ${code(item.branch)})` : ''}`
          : `after ${code(item.after)}${item.branch ? ` (on the way to ${code(item.branch)})` : ''}`;
      out.push(`- [ ] **${md(item.title)}**: add ${describeStep(item.step)}, ${where}. _(${item.ruleIds.join(', ')})_`);
    }
    out.push('');
  }
  if (file.findings.length > 0) out.push('### Findings by step', '', ...findingsByStep(file, context));
  if (file.outline && file.outline.steps.length > 0) {
    out.push('### Process diagram', '', 'Steps with findings have a red border; missing activities, and the steps the plan extends, are dashed; the run a deadlock or a double run shows is drawn red.', '', '```mermaid', renderMermaid(file.outline, file.findings, file.plan).trimEnd(), '```', '');
  }
  return out;
}

/** The gap report a consultant can send as it is: summary, RIMS scorecard, missing activities, findings by step, diagram. */
export const markdown: Formatter = (result: LintResult, context) => {
  const out = ['# Process-map gap report', ''];
  const maps = result.files.length;
  out.push(
    `${plural(maps, 'map')} checked by pmlint: ${plural(result.errorCount, 'error')}, ${plural(result.warningCount, 'warning')}. ` +
      'RIMS is the share of checks that pass for a process that is Repeatable, Improvable, Measurable and Scalable, ' +
      'and H the share of the hand-over, scheduling and consent checks that pass: the human touch ' +
      '([how it is scored](https://unpkg.com/pmlint/docs/rims.md)).',
    '',
    '| map | process | R | I | M | S | H |',
    '|---|---|---:|---:|---:|---:|---:|',
  );
  for (const file of result.files) {
    const name = file.outline?.name ? md(file.outline.name) : '—';
    out.push(`| \`${file.file}\` | ${name} | ${score(file.rims.R)} | ${score(file.rims.I)} | ${score(file.rims.M)} | ${score(file.rims.S)} | ${score(file.rims.H)} |`);
  }
  out.push('');
  for (const file of result.files) out.push(...section(file, context));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
};
