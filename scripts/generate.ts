// Writes what is derived from the rules: the registry rules/index.ts and the docs pages docs/rules/<id>.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleDoc, renderRulesIndex } from './docs.js';
import { renderRegistry, ruleIds } from './registry.js';
import { renderValidator, VALIDATORS } from './validators.js';

const root = join(import.meta.dirname, '..', '..');
const rulesDir = join(root, 'rules');
writeFileSync(join(rulesDir, 'index.ts'), renderRegistry(ruleIds(rulesDir)));
for (const { schema, module } of VALIDATORS) {
  writeFileSync(join(root, 'src', 'generated', module), renderValidator(root, schema));
}

// The registry is read after it is written, so a new rule file gets its page in the same run (after a rebuild).
const { builtinRules } = await import('../rules/index.js');
mkdirSync(join(root, 'docs', 'rules'), { recursive: true });
for (const rule of builtinRules) {
  writeFileSync(join(root, 'docs', 'rules', `${rule.meta.id}.md`), renderRuleDoc(rule, join(root, 'examples', 'rules')));
}
writeFileSync(join(root, 'docs', 'rules', 'README.md'), renderRulesIndex(builtinRules));
console.log(`generated rules/index.ts, ${VALIDATORS.length} validators and ${builtinRules.length} docs pages`);
