import { builtinRules } from '../../rules/index.js';
import { compileDeclaredRule, type DeclaredRule } from '../declarative/compile.js';
import { validate as generatedDeclaredRuleValidator } from '../generated/declarative-rule-validator.js';
import type { NodePath } from '../positions.js';
import type { Rule } from '../rule.js';
import { describeAjvErrors } from '../schema/describe-errors.js';
import { parseSeverity } from '../severity.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { ValidateFunction } from 'ajv';
import { resolveOptions } from './options.js';
import type { RuleSetting, RuleSettings } from './types.js';

/** The declared-rule schema, compiled ahead of time by scripts/generate.ts. */
const declaredRuleValidator = generatedDeclaredRuleValidator as unknown as ValidateFunction;
const builtinIds = new Set(builtinRules.map((r) => r.meta.id));

/** Reports a breach of the config at a path of it; never returns. */
export type Fail = (message: string, path: NodePath, target?: 'key' | 'value') => never;

/** Later settings win; a severity without options keeps the options set before it. */
export function merge(base: RuleSettings, over: RuleSettings): RuleSettings {
  const out: RuleSettings = new Map(base);
  for (const [id, setting] of over) {
    const before = out.get(id);
    out.set(id, { severity: setting.severity, options: setting.options ?? before?.options });
  }
  return out;
}

/** A config's `rules` (or an override's, or a preset's): each id known or declared here, each severity and options checked. */
export function normalizeRules(
  raw: Record<string, unknown> | undefined,
  at: NodePath,
  registry: Map<string, Rule<any>>,
  fail: Fail,
): RuleSettings {
  const settings: RuleSettings = new Map();
  for (const [id, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      settings.set(id, declare(id, value, [...at, id], registry, fail));
      continue;
    }
    const rule = registry.get(id);
    if (!rule) {
      const hint = didYouMean(id, registry.keys());
      fail(`unknown rule \`${id}\`${hint ? `; did you mean \`${hint}\`?` : ''} (\`pmlint rules\` lists them)`, [...at, id], 'key');
    }
    const [severityWord, options] = Array.isArray(value) ? value : [value, undefined];
    const severity = parseSeverity(severityWord)!; // the schema allows only severity words
    if (options !== undefined && !rule!.meta.schema) {
      fail(`\`${id}\` takes no options`, [...at, id, 1]);
    }
    if (options !== undefined) {
      const result = resolveOptions(rule!, options as Record<string, unknown>);
      if (!result.ok) {
        const issue = result.issues[0]!;
        fail(`options of \`${id}\`: ${issue.message}`, [...at, id, 1, ...issue.path], issue.target);
      }
    }
    settings.set(id, { severity, ...(options !== undefined ? { options: options as Record<string, unknown> } : {}) });
  }
  return settings;
}

/** A rule declared in the config: validated against its schema, compiled, and registered under its id. */
function declare(
  id: string,
  body: object,
  at: NodePath,
  registry: Map<string, Rule<any>>,
  fail: Fail,
): RuleSetting {
  if (!id.includes('/')) fail(`a rule declared here is named \`<prefix>/<rule>\`, such as \`firm/${id}\``, at, 'key');
  if (builtinIds.has(id)) fail(`\`${id}\` is a built-in rule`, at, 'key');
  if (!declaredRuleValidator(body)) {
    const [issue] = describeAjvErrors(declaredRuleValidator.errors ?? [], body, 'the rule');
    fail(`rule \`${id}\`: ${issue?.message ?? 'not a valid rule'}`, [...at, ...(issue?.path ?? [])], issue?.target);
  }
  const declared = body as DeclaredRule;
  registry.set(id, compileDeclaredRule(id, declared));
  return { severity: parseSeverity(declared.severity ?? 'error')! };
}
