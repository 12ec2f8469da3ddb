import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, FileResult, PlanItem } from '../findings.js';
import { planItemOf } from './suggestions.js';
import { plural } from './text.js';
import type { Formatter } from './types.js';

interface Row {
  position: string;
  severity: Finding['severity'];
  message: string;
  ruleId: string;
  /** The run that shows the finding, as `a → b → c`. */
  via?: string;
  suggestion?: string;
}

function rows(file: FileResult): Row[] {
  const out: Row[] = [];
  if (file.fatal) {
    out.push({ position: `${file.fatal.line}:${file.fatal.column}`, severity: 'error', message: file.fatal.message, ruleId: 'fatal' });
  }
  for (const f of file.findings) {
    const item = planItemOf(file, f);
    out.push({
      position: `${f.line}:${f.column}`,
      severity: f.severity,
      message: f.message,
      ruleId: f.ruleId,
      ...(f.path && f.path.length > 1 ? { via: f.path.join(' → ') } : {}),
      ...(item ? { suggestion: `plan ${f.planItem! + 1}: ${item.title}` } : {}),
    });
  }
  return out;
}

/** Where a plan item goes, for the terminal. */
function placeOf(item: PlanItem): string {
  if (item.kind === 'system') return 'in `systems`';
  if (item.kind === 'extend') return `in \`${item.step}\``;
  if (item.after === null) return 'at the start';
  return `after \`${item.after}\`${item.branch ? ` on the way to \`${item.branch}\`` : ''}`;
}

/** For the terminal: findings grouped by file, `line:col  severity  message  rule-id`, then a summary line. */
export const stylish: Formatter = (result, context) => {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const lines: string[] = [];
  let problems = 0;
  for (const file of result.files) {
    const fileRows = rows(file);
    if (fileRows.length === 0) continue;
    problems += fileRows.length;
    const width = Math.max(...fileRows.map((r) => r.position.length));
    lines.push(c.underline(file.file));
    for (const row of fileRows) {
      const severity = row.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      lines.push(`  ${c.dim(row.position.padEnd(width))}  ${severity}  ${row.message}  ${c.dim(row.ruleId)}`);
      if (row.via) lines.push(`  ${' '.repeat(width)}  ${c.cyan('↳')} via: ${row.via}`);
      if (row.suggestion) lines.push(`  ${' '.repeat(width)}  ${c.cyan('↳')} ${row.suggestion}`);
    }
    const plan = file.plan ?? [];
    if (plan.length > 0) {
      const how = /\.ya?ml$/i.test(file.file) ? 'pmlint fix writes them into the map' : 'pmlint convert the model to a YAML map, then pmlint fix writes them into it';
      lines.push('', `  ${c.cyan(`plan: ${`${plan.length} missing ${plan.length === 1 ? 'activity' : 'activities'}`}`)} ${c.dim(`(${how})`)}`);
      plan.forEach((item, i) => lines.push(`  ${String(i + 1).padStart(3)}. ${placeOf(item)}: ${item.title}`));
    }
    lines.push('');
  }
  const fatals = result.files.filter((f) => f.fatal).length;
  if (problems === 0) {
    lines.push(c.green(`✔ no problems in ${plural(result.files.length, 'file')}`));
  } else {
    const counts = [plural(result.errorCount + fatals, 'error'), plural(result.warningCount, 'warning')].join(', ');
    const colour = result.errorCount + fatals > 0 ? c.red.bold : c.yellow.bold;
    lines.push(colour(`✖ ${plural(problems, 'problem')} (${counts}) in ${plural(result.files.length, 'file')}`));
  }
  const scored = result.files.filter((f) => !f.fatal && Object.values(f.rims).some((v) => v !== null));
  if (scored.length > 0) {
    const width = Math.max(...scored.map((f) => f.file.length));
    lines.push('', c.bold('RIMS + H scorecard') + c.dim(' (share of checks that pass; H: the human touch)'));
    for (const file of scored) lines.push(`  ${file.file.padEnd(width)}  ${rimsLine(file, c)}`);
  }
  return lines.join('\n') + '\n';
};

function rimsLine(file: FileResult, c: ChalkInstance): string {
  return (['R', 'I', 'M', 'S', 'H'] as const)
    .map((dim) => {
      const value = file.rims[dim];
      if (value === null) return `${dim} ${c.dim('  —')}`;
      const colour = value === 100 ? c.green : value >= 50 ? c.yellow : c.red;
      return `${dim} ${colour(String(value).padStart(3))}`;
    })
    .join('  ');
}
