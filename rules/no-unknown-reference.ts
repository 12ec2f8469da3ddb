// A reference to an id that does not exist means a message goes to nobody or a booking lands in no calendar.
import { defineRule } from '../src/rule.js';
import type { DefinitionKind, ProcessModel, ReferenceKind } from '../src/model/types.js';
import { didYouMean } from '../src/util/did-you-mean.js';

const SHARE_WORDS = ['customer-history', 'appointment'];

const ACCEPTS: Record<ReferenceKind, readonly DefinitionKind[]> = {
  actor: ['actor'],
  system: ['system'],
  offer: ['offer'],
  stage: ['stage'],
  step: ['step'],
  shareable: ['offer', 'step'],
  measurable: ['step', 'stage', 'process'],
};

const EXPECTED: Record<ReferenceKind, string> = {
  actor: 'an actor',
  system: 'a system',
  offer: 'an offer',
  stage: 'a stage',
  step: 'a step',
  shareable: 'an offer, a step, `customer-history` or `appointment`',
  measurable: 'a step, a stage or the process',
};

const ARTICLE: Record<DefinitionKind, string> = {
  process: 'the process',
  actor: 'an actor',
  system: 'a system',
  offer: 'an offer',
  stage: 'a stage',
  metric: 'a metric',
  step: 'a step',
};

function candidates(model: ProcessModel, kind: ReferenceKind): string[] {
  const kinds = ACCEPTS[kind];
  const ids: string[] = [];
  if (kinds.includes('actor')) ids.push(...model.actors.keys());
  if (kinds.includes('system')) ids.push(...model.systems.keys());
  if (kinds.includes('offer')) ids.push(...model.offers.keys());
  if (kinds.includes('stage')) ids.push(...model.stages.map((s) => s.id));
  if (kinds.includes('step')) ids.push(...model.steps.map((s) => s.id));
  if (kinds.includes('process') && model.process.id) ids.push(model.process.id);
  if (kind === 'shareable') ids.push(...SHARE_WORDS);
  return ids;
}

export default defineRule({
  meta: {
    id: 'no-unknown-reference',
    category: 'structure',
    rims: null,
    severity: 'error',
    description: 'Every id used in a reference field is defined, and is of the kind that field expects.',
    rationale:
      'When `to: salesman` names nobody, or `writes: calender` names no system, the map says a message is sent or a booking is written ' +
      'while in fact it goes nowhere. The rule names the kind of id the field expects and the closest id that is defined, which is usually the typo.',
    messages: {
      unknown: '`{{field}}` names `{{id}}`, which is not defined: expected {{expected}}',
      unknownWithHint: '`{{field}}` names `{{id}}`, which is not defined: expected {{expected}}; did you mean `{{hint}}`?',
      wrongKind: '`{{field}}` names `{{id}}`, which is {{actual}}: expected {{expected}}',
    },
  },
  check({ model, report }) {
    const known = new Map<ReferenceKind, string[]>();
    const idsFor = (kind: ReferenceKind): string[] => {
      if (!known.has(kind)) known.set(kind, candidates(model, kind));
      return known.get(kind)!;
    };
    for (const ref of model.references) {
      if (ref.kind === 'shareable' && SHARE_WORDS.includes(ref.id)) continue;
      const actual = model.kindOf(ref.id);
      if (actual && ACCEPTS[ref.kind].includes(actual)) continue;
      const data = { field: ref.field, id: ref.id, expected: EXPECTED[ref.kind] };
      const where = { at: ref.path, ...(ref.stepId ? { stepId: ref.stepId } : {}) };
      if (actual) {
        report({ messageId: 'wrongKind', data: { ...data, actual: ARTICLE[actual] }, ...where });
        continue;
      }
      const hint = didYouMean(ref.id, idsFor(ref.kind));
      if (hint) report({ messageId: 'unknownWithHint', data: { ...data, hint }, ...where });
      else report({ messageId: 'unknown', data, ...where });
    }
  },
});
