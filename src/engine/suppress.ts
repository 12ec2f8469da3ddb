import type { Finding } from '../findings.js';
import type { SourceComment } from '../parse/types.js';

type Kind = 'disable-next-line' | 'disable' | 'enable';

interface Directive {
  kind: Kind;
  /** Rule ids named; empty means every rule. */
  rules: string[];
  line: number;
  column: number;
  endColumn: number;
  /** The rule ids (or '*') whose findings this directive silenced. */
  used: Set<string>;
}

const DIRECTIVE = /^#\s*pmlint-(disable-next-line|disable|enable)(?=\s|$)\s*(.*?)\s*(?:--.*)?$/;

/** The `# pmlint-disable…` directives among a map's comments. */
export function parseDirectives(comments: readonly SourceComment[]): Directive[] {
  const directives: Directive[] = [];
  for (const c of comments) {
    const match = DIRECTIVE.exec(c.text.trim());
    if (!match) continue;
    const rules = match[2]!
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    directives.push({ kind: match[1] as Kind, rules, line: c.line, column: c.column, endColumn: c.column + c.text.trimEnd().length, used: new Set() });
  }
  return directives;
}

/** The directive that silences a finding, if any: a disable-next-line on the line above, or an open disable block. */
function silencer(directives: readonly Directive[], f: Finding): Directive | undefined {
  const nextLine = directives.find((d) => d.kind === 'disable-next-line' && d.line + 1 === f.line && (d.rules.length === 0 || d.rules.includes(f.ruleId)));
  if (nextLine) return nextLine;
  let all: Directive | undefined;
  let except = new Set<string>();
  const byRule = new Map<string, Directive>();
  for (const d of directives) {
    if (d.kind === 'disable-next-line') continue;
    if (d.line > f.line || (d.line === f.line && d.column > f.column)) break;
    if (d.kind === 'disable') {
      if (d.rules.length === 0) {
        all = d;
        except = new Set();
      } else for (const r of d.rules) byRule.set(r, d);
    } else if (d.rules.length === 0) {
      all = undefined;
      byRule.clear();
    } else {
      for (const r of d.rules) {
        byRule.delete(r);
        except.add(r);
      }
    }
  }
  return byRule.get(f.ruleId) ?? (all && !except.has(f.ruleId) ? all : undefined);
}

function directiveFinding(d: Directive, message: string): Finding {
  return {
    ruleId: 'unused-disable',
    severity: 'warning',
    category: null,
    rims: null,
    message,
    messageId: 'unused-disable',
    line: d.line,
    column: d.column,
    endLine: d.line,
    endColumn: d.endColumn,
    stepId: null,
  };
}

/**
 * Applies inline directives: findings they silence move to `suppressed` (counted, never lost), and a
 * directive that silences nothing, or names a rule that does not exist, is itself reported (`unused-disable`).
 */
export function applyDirectives(
  findings: readonly Finding[],
  comments: readonly SourceComment[],
  knownRules: ReadonlySet<string>,
): { findings: Finding[]; suppressed: Finding[] } {
  const directives = parseDirectives(comments).sort((a, b) => a.line - b.line || a.column - b.column);
  if (directives.length === 0) return { findings: [...findings], suppressed: [] };
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const d = f.internal ? undefined : silencer(directives, f);
    if (!d) {
      kept.push(f);
      continue;
    }
    d.used.add(d.rules.length === 0 ? '*' : f.ruleId);
    suppressed.push(f);
  }
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    const directive = `pmlint-${d.kind}${d.rules.length > 0 ? ` ${d.rules.join(', ')}` : ''}`;
    const unknown = d.rules.filter((r) => !knownRules.has(r));
    for (const r of unknown) kept.push(directiveFinding(d, `\`${directive}\` names \`${r}\`, which is not a rule`));
    const unused = d.rules.length === 0 ? (d.used.size === 0 ? ['*'] : []) : d.rules.filter((r) => knownRules.has(r) && !d.used.has(r));
    if (unused.length === 0) continue;
    const where = d.kind === 'disable-next-line' ? 'on the next line' : 'after it';
    const what = unused.includes('*') ? 'no finding' : `no ${unused.map((r) => `\`${r}\``).join(' or ')} finding`;
    kept.push(directiveFinding(d, `\`${directive}\` silences nothing: there is ${what} ${where}; remove it`));
  }
  return { findings: kept, suppressed };
}
