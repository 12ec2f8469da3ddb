import type { Finding, PlanExtend, PlanItem, PlanSystem } from '../findings.js';
import { freshId, idList } from '../model/queries.js';
import type { ProcessModel, Step } from '../model/types.js';
import type { SuggestedStep } from '../rule.js';
import { asList } from '../util/list.js';

interface Group {
  after: string | null;
  /** Whether `titles[0]` is an error finding's. */
  errorTitle?: boolean;
  unsure?: string[];
  branch?: string;
  /** Other steps whose flow to `branch` goes through the new step too. */
  from?: string[];
  /** On `after`'s timeout flow. */
  onTimeout?: string;
  step: SuggestedStep & { id: string };
  titles: string[];
  ruleIds: string[];
  /** Recipients asked for by suggestions that are no fallback. */
  told: string[];
  /** Recipients asked for only by fallbacks (the plain hand-over). */
  handOver: string[];
}

/**
 * The plan of missing activities for one map: every finding's suggestion, merged. Notifications with
 * the same place and sender become one, to everyone any of them names and sharing everything any of
 * them shares. A fallback (the plain hand-over after an automated contact) is left out when another
 * notification of the plan lies on its way (that one tells the person who next deals with the
 * customer), and its addressee is dropped where another notification at the same place tells a person.
 * Where the map already notifies people right there, the plan extends that step instead of adding a
 * second one. Each finding learns which item answers it (`planItem`).
 */
export function buildPlan(model: ProcessModel, findings: readonly Finding[]): PlanItem[] {
  const groups = new Map<string, Group>();
  const systems = new Map<string, PlanSystem>();
  const extensions = new Map<string, PlanExtend>();
  // Where the notifications that are no fallback go: a fallback whose way passes one of them is not needed.
  const told = new Map<string, Finding>();
  for (const f of findings) {
    // A new notification: not a fallback, and not a change to a step the map has (an opt-out on a message tells nobody).
    const s = f.suggestion;
    if (s && !s.fallback && !s.extend && s.onTimeout === undefined && s.step.type === 'send' && s.after !== null) told.set(s.after, f);
  }
  // Which part of the plan answers each finding: its group, its extension, or (a hand-over left out) the notification on its way.
  const answer = new Map<Finding, Group | PlanExtend | Finding>();
  const planned = new Set(findings.flatMap((f) => Object.keys(f.suggestion?.systems ?? {})));
  // One extension per step: what several rules add to the same step is added once.
  const extendStep = (target: string, add: PlanExtend['add'], ruleIds: readonly string[], title: string, set?: PlanExtend['set']): PlanExtend => {
    const known = extensions.get(target) ?? { kind: 'extend' as const, title, step: target, add: {}, ruleIds: [] };
    for (const field of ['to', 'shares', 'reads', 'writes'] as const) if (add[field]) known.add[field] = union(known.add[field] ?? [], add[field]);
    if (set) known.set = { ...known.set, ...set };
    addAll(known.ruleIds, ruleIds);
    if (known.title !== title) {
      const notifying = known.title.startsWith('Extend ') && title.startsWith('Extend ');
      known.title = notifying ? extendTitle(target, { to: known.add.to ?? [], shares: known.add.shares ?? [] }) : `${known.title}; ${title}`;
    }
    extensions.set(target, known);
    return known;
  };
  for (const finding of findings) {
    const suggestion = finding.suggestion;
    if (!suggestion) continue;
    const covering = suggestion.fallback ? finding.path?.find((id) => told.has(id)) : undefined;
    if (covering !== undefined) {
      answer.set(finding, told.get(covering)!);
      continue;
    }
    for (const [id, system] of Object.entries(suggestion.systems ?? {})) {
      const known = systems.get(id);
      if (known) addAll(known.ruleIds, [finding.ruleId]);
      else systems.set(id, { kind: 'system', title: systemTitle(id, system), id, system, ruleIds: [finding.ruleId] });
    }
    if (suggestion.extend) {
      answer.set(finding, extendStep(suggestion.extend.step, suggestion.extend.add, [finding.ruleId], suggestion.title, suggestion.extend.set));
      continue;
    }
    const step = known(model, suggestion.step, planned);
    if (!step) continue;
    const isSend = step.type === 'send';
    // Notifications to staff at one place merge into one; a message to the customer is a step of its own.
    const toCustomer = asList(step.to).some((id) => model.actors.get(id)?.type === 'customer');
    const where = [suggestion.after, suggestion.branch ?? null, suggestion.onTimeout !== undefined];
    const place = [...where, step.type, step.actor ?? null, toCustomer, step.purpose ?? null, ...(suggestion.from ?? [])];
    const key = JSON.stringify(isSend ? place : [...place, asList(step.to).sort(), asList(step.reads), asList(step.writes), step.channel]);
    let group = groups.get(key);
    if (!group) {
      group = {
        after: suggestion.after,
        ...(suggestion.branch ? { branch: suggestion.branch } : {}),
        ...(suggestion.from ? { from: suggestion.from } : {}),
        ...(suggestion.onTimeout !== undefined ? { onTimeout: suggestion.onTimeout } : {}),
        step: { ...step, id: step.id ?? `${step.type}-after-${suggestion.after ?? 'start'}` },
        // A timeout's length is the plan's best figure: said on its line, for the consultant to check.
        ...(step.timeout ? { unsure: ['timeout'] } : {}),
        titles: [],
        ruleIds: [],
        told: [],
        handOver: [],
      };
      groups.set(key, group);
    }
    answer.set(finding, group);
    // An error's wording leads: the activity it asks for is the one that must not be missed.
    if (!group.titles.includes(suggestion.title)) {
      if (finding.severity === 'error' && !group.errorTitle) {
        group.titles.unshift(suggestion.title);
        group.errorTitle = true;
      } else group.titles.push(suggestion.title);
    }
    if (!group.ruleIds.includes(finding.ruleId)) group.ruleIds.push(finding.ruleId);
    if (isSend) {
      addAll(suggestion.fallback ? group.handOver : group.told, asList(step.to));
      group.step.shares = union(group.step.shares ?? [], step.shares ?? []);
      if (step.offers !== undefined) group.step.offers = union(asList(group.step.offers), asList(step.offers));
    }
  }
  const inserts: PlanItem[] = [];
  const made = new Map<Group, PlanItem>();
  const push = (group: Group, item: PlanItem): void => {
    if (item.kind === 'insert') inserts.push(item);
    made.set(group, item);
  };
  const used = new Set<string>();
  for (const group of groups.values()) {
    group.step.id = uniqueId(model, group.step.id, used);
    // A step needs someone to perform it: when no rule could say who, the plan's best reading, marked as such.
    const gateway = group.step.type === 'parallel' || group.step.type === 'decision' || group.step.type === 'wait';
    const sender = group.step.actor === undefined && !gateway ? bestSender(model, group.after, [...group.told, ...group.handOver]) : undefined;
    if (sender !== undefined) {
      group.step.actor = sender;
      group.unsure = [...(group.unsure ?? []), 'actor'];
    }
    if (group.step.type !== 'send') {
      const from = group.from ? { from: group.from } : {};
      push(group, { kind: 'insert', title: group.titles[0]!, after: group.after, ...branchOf(group), step: group.step, ...from, ...unsureOf(group), ruleIds: group.ruleIds });
      continue;
    }
    const to = group.told.length > 0 ? group.told : group.handOver;
    group.step.to = to.length === 1 ? to[0]! : to;
    if (group.titles.length > 1) group.step.id = uniqueId(model, `notify-${to.join('-')}-after-${group.after ?? 'start'}`, used);
    const existing = notificationAt(model, group.after, group.branch, group.step.actor);
    if (existing) {
      const add = { to: to.filter((a) => !asList(existing.to).includes(a)), shares: (group.step.shares ?? []).filter((s) => !existing.shares.includes(s)) };
      if (add.to.length === 0 && add.shares.length === 0) continue;
      push(group, extendStep(existing.id, compact(add), group.ruleIds, extendTitle(existing.id, add)));
      continue;
    }
    const title = group.titles.length === 1 ? group.titles[0]! : insertTitle(group);
    push(group, { kind: 'insert', title, after: group.after, ...branchOf(group), step: group.step, ...unsureOf(group), ruleIds: group.ruleIds });
  }
  const plan: PlanItem[] = [...systems.values(), ...extensions.values(), ...inserts];
  // Systems first, then in the order of the map's steps, as a consultant walks through the process.
  const rank = (item: PlanItem): number => (item.kind === 'system' ? -2 : (model.step((item.kind === 'insert' ? item.after : item.step) ?? '')?.index ?? -1));
  const ordered = plan.map((item, i) => ({ item, i })).sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i).map(({ item }) => item);
  // Each finding knows the item that answers it (the number stylish shows).
  const itemOf = (part: Group | PlanExtend | Finding | undefined): PlanItem | undefined =>
    part === undefined ? undefined : 'kind' in part ? part : 'ruleId' in part ? itemOf(answer.get(part)) : made.get(part);
  const indexOf = new Map(ordered.map((item, i) => [item, i]));
  for (const [finding, part] of answer) {
    const item = itemOf(part);
    const index = item ? (indexOf.get(item) ?? -1) : -1;
    if (index === -1) continue;
    finding.planItem = index;
    addAll(item!.ruleIds, [finding.ruleId]); // a hand-over left out is answered by the item on its way
  }
  return ordered;
}

/**
 * A notification to people the map already has at the insertion point: the step itself, or the one
 * step it flows to, when that is a `send` to a human by the same sender (or any sender when the plan
 * names none).
 */
function notificationAt(model: ProcessModel, after: string | null, branch: string | undefined, sender: string | undefined): Step | undefined {
  if (after === null) return undefined;
  const here = model.step(after);
  if (!here) return undefined;
  const next = branch ?? (here.next.length === 1 ? here.next[0]!.to : undefined);
  // `here` itself is on every branch only when it is not a decision.
  const candidates = [...(here.type === 'decision' ? [] : [here]), ...(next !== undefined ? [model.step(next)] : [])];
  return candidates.find((s): s is Step => s !== undefined && s.type === 'send' && s.notifies.size > 0 && (sender === undefined || s.actor === sender));
}

function systemTitle(id: string, system: PlanSystem['system']): string {
  const what = system.type === 'calendar' && system.live ? 'live calendar' : `${system.type} system`;
  return `Add the ${what} \`${id}\`${system.owner ? ` of \`${system.owner}\`` : ''} to the map's systems`;
}

function insertTitle(group: Group): string {
  const to = asList(group.step.to);
  const shares = group.step.shares ?? [];
  return `Notify ${idList(to)} after \`${group.after ?? 'the start'}\`${shares.length > 0 ? `, sharing ${idList(shares)}` : ''}`;
}

function extendTitle(step: string, add: { to: string[]; shares: string[] }): string {
  const parts = [add.to.length > 0 ? `send it to ${idList(add.to)} too` : '', add.shares.length > 0 ? `share ${idList(add.shares)}` : ''].filter(Boolean);
  return `Extend \`${step}\`: ${parts.join(' and ')}`;
}

function compact(add: { to: string[]; shares: string[] }): PlanExtend['add'] {
  return { ...(add.to.length > 0 ? { to: add.to } : {}), ...(add.shares.length > 0 ? { shares: add.shares } : {}) };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function addAll(target: string[], values: readonly string[]): void {
  for (const v of values) if (!target.includes(v)) target.push(v);
}

/** An id neither the map nor an earlier item of the plan uses. */
function uniqueId(model: ProcessModel, base: string, used: Set<string>): string {
  let id = freshId(model, base);
  for (let n = 2; used.has(id); n++) id = freshId(model, `${base}-${n}`);
  used.add(id);
  return id;
}

function branchOf(group: Group): { branch?: string; onTimeout?: string } {
  return { ...(group.branch ? { branch: group.branch } : {}), ...(group.onTimeout !== undefined ? { onTimeout: group.onTimeout } : {}) };
}

function unsureOf(group: Group): { unsure?: string[] } {
  return group.unsure ? { unsure: group.unsure } : {};
}

/**
 * Who performs a step when no rule could say: whoever performs the step it follows (unless that is the
 * customer, or the person to be told), else the map's first system (automation sends notifications),
 * else the process owner, else a person other than the recipient; a recipient only when nobody else can.
 */
function bestSender(model: ProcessModel, after: string | null, recipients: readonly string[]): string | undefined {
  const before = after === null ? undefined : model.step(after)?.actor;
  const actors = [...model.actors.values()].filter((a) => !recipients.includes(a.id));
  if (before !== undefined && model.actors.has(before) && model.actors.get(before)?.type !== 'customer' && !recipients.includes(before)) return before;
  const owner = [model.process.owner].find((o) => o !== undefined && model.actors.has(o) && !recipients.includes(o));
  const fallback = before !== undefined && model.actors.get(before)?.type !== 'customer' ? before : [...model.actors.values()].find((a) => a.type !== 'customer')?.id;
  // Last, rather than a step nobody performs: the step before's performer or any of the company's actors.
  return actors.find((a) => a.type === 'system')?.id ?? owner ?? actors.find((a) => a.type === 'human')?.id ?? fallback;
}

/**
 * Only what the map defines goes into a new step: an id a rule took from a typo (`reports-to:
 * sales-manger`) would make the fix itself a breach. A notification left with nobody to tell is no step.
 */
function known(model: ProcessModel, step: SuggestedStep, planned: ReadonlySet<string>): SuggestedStep | undefined {
  const shareable = (id: string): boolean => id === 'customer-history' || id === 'appointment' || model.offers.has(id) || model.step(id) !== undefined;
  const defined = (kind: 'actor' | 'system' | 'offer' | 'share') => (id: string): boolean =>
    kind === 'actor' ? model.actors.has(id) : kind === 'system' ? model.systems.has(id) || planned.has(id) : kind === 'offer' ? model.offers.has(id) : shareable(id);
  const keep = (value: string | readonly string[] | undefined, ok: (id: string) => boolean): string[] | undefined =>
    value === undefined ? undefined : asList(value).filter(ok);
  const out: SuggestedStep = { ...step };
  if (step.actor !== undefined && !model.actors.has(step.actor)) delete out.actor;
  for (const [field, kind] of [['to', 'actor'], ['with', 'actor'], ['reads', 'system'], ['writes', 'system'], ['offers', 'offer'], ['shares', 'share']] as const) {
    const kept = keep(step[field], defined(kind));
    if (kept === undefined) continue;
    if (kept.length === 0) delete out[field];
    else out[field] = (field === 'shares' ? kept : kept.length === 1 ? kept[0]! : kept) as never;
  }
  if (step.type === 'send' && asList(out.to).length === 0 && asList(step.to).length > 0) return undefined;
  return out;
}
