import { Chalk } from 'chalk';
import type { RuleMeta } from '../rule.js';
import { md } from './text.js';
import { docsUrl } from './types.js';

/** A rule as `pmlint rules` lists it: its meta and its severity in the current config. */
export interface RuleEntry {
  meta: RuleMeta;
  severity: 'off' | 'warn' | 'error';
}

const DIMENSIONS = { R: 'Repeatable', I: 'Improvable', M: 'Measurable', S: 'Scalable' } as const;

/** The rules as a Markdown table, grouped by category, each id linking to its docs page. */
export function rulesMarkdown(entries: readonly RuleEntry[], link: (meta: RuleMeta) => string = (m) => docsUrl(m.id, new Map([[m.id, m]]))): string {
  const lines = ['| rule | category | RIMS | severity | what it finds |', '|---|---|---|---|---|'];
  for (const { meta, severity } of entries) {
    const rims = meta.rims ? `${meta.rims} (${DIMENSIONS[meta.rims]})` : '—';
    lines.push(`| [\`${meta.id}\`](${link(meta)}) | ${meta.category} | ${rims} | ${severity} | ${md(meta.description)} |`);
  }
  return lines.join('\n') + '\n';
}

export function rulesJson(entries: readonly RuleEntry[]): string {
  const rows = entries.map(({ meta, severity }) => ({
    id: meta.id,
    category: meta.category,
    rims: meta.rims,
    severity,
    defaultSeverity: meta.severity,
    description: meta.description,
    docs: docsUrl(meta.id, new Map([[meta.id, meta]])),
    options: meta.schema ?? null,
  }));
  return JSON.stringify({ version: 1, rules: rows }, null, 2) + '\n';
}

/** For the terminal: one aligned line per rule. */
export function rulesText(entries: readonly RuleEntry[], color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const width = Math.max(...entries.map((e) => e.meta.id.length));
  const categoryWidth = Math.max(...entries.map((e) => e.meta.category.length));
  const paint = { error: c.red, warn: c.yellow, off: c.dim };
  return (
    entries
      .map(({ meta, severity }) =>
        [meta.id.padEnd(width), meta.category.padEnd(categoryWidth), meta.rims ?? '-', paint[severity](severity.padEnd(5)), meta.description].join('  '),
      )
      .join('\n') + '\n'
  );
}
