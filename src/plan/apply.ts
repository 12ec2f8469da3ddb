import { Document, isAlias, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { PlanExtend, PlanInsert, PlanItem, PlanSystem } from '../findings.js';
import { inFieldOrder } from '../model/step-fields.js';

/** What applying a plan did to a map's text. */
export interface Applied {
  text: string;
  applied: PlanItem[];
  /** Items that could not be written into this text, with the reason. */
  skipped: { item: PlanItem; reason: string }[];
}

/**
 * Writes a plan into a YAML map's text. Each edit is spliced into the source at the node ranges the
 * `yaml` parser gives, so every comment, the key order and the layout of the lines it does not touch
 * stay as they were; only the new nodes are rendered, in the map's own indentation.
 */
export function applyPlan(text: string, plan: readonly PlanItem[]): Applied {
  // Edits are made on line feeds; a map written with CRLF or CR line ends gets them back, whole.
  const eol = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? '\r\n' : /\r/.test(text) && !/\n/.test(text) ? '\r' : '\n';
  let current = eol === '\n' ? text : text.split(eol).join('\n');
  // Edits end their lines; a file without a final line break gets one for the edit, and loses it after.
  const unterminated = current !== '' && !current.endsWith('\n');
  if (unterminated) current += '\n';
  const applied: PlanItem[] = [];
  const skipped: Applied['skipped'] = [];
  const missingSystems: string[] = [];
  for (const item of plan) {
    const needs = missingSystems.find((id) => JSON.stringify(item).includes(`"${id}"`));
    const result: Edit = needs ? { reason: `it needs the system \`${needs}\`, which could not be added` } : edit(current, item);
    // An edit that would leave the map unreadable is not made.
    const broken = typeof result === 'string' ? parsed(result).errors[0] : undefined;
    if (typeof result === 'string' && !broken) {
      current = result;
      applied.push(item);
      continue;
    }
    if (item.kind === 'system') missingSystems.push(item.id);
    skipped.push({ item, reason: typeof result === 'string' ? `the edit would not parse (${broken!.message.split('\n')[0]}); add it by hand` : result.reason });
  }
  last = undefined; // the cache keeps no map beyond the run
  if (unterminated && current.endsWith('\n')) current = current.slice(0, -1);
  return { text: eol === '\n' ? current : current.split('\n').join(eol), applied, skipped };
}

type Edit = string | { reason: string };

/**
 * The text's parsed document, the last one kept: the check of one edit's result is the parse the next
 * edit reads from. Edits only read the document, never change it.
 */
let last: { text: string; doc: Document.Parsed } | undefined;
function parsed(text: string): Document.Parsed {
  if (last?.text !== text) last = { text, doc: parseDocument(text) };
  return last.doc;
}

/** One item's edit; whatever the text holds, a failure is that item's reason, never a crash of the run. */
function edit(text: string, item: PlanItem): Edit {
  try {
    return item.kind === 'insert' ? insertWithRedirects(text, item) : item.kind === 'extend' ? extend(text, item) : addSystem(text, item);
  } catch (error) {
    return { reason: `it could not be written into this text (${error instanceof Error ? error.message : String(error)}); add it by hand` };
  }
}

/** The list item of the step with this id, laid out as a block mapping. */
function stepItem(text: string, id: string): { item: YAMLMap } | { reason: string } {
  const doc = parsed(text);
  if (doc.errors.length > 0) return { reason: `the map does not parse: ${doc.errors[0]!.message}` };
  const steps = doc.get('steps', true);
  if (!isSeq(steps) || steps.flow) return { reason: 'the map has no block list of steps' };
  const index = steps.items.findIndex((s) => isMap(s) && s.get('id') === id);
  if (index === -1) return { reason: `the map has no step \`${id}\`` };
  const item = steps.items[index] as YAMLMap;
  if (item.flow || !item.range) return { reason: `the step \`${id}\` is written as a flow mapping` };
  return { item };
}

/** The offset where the line holding `offset` begins. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Where a node's own lines end: past the line break after its last character. The parser's end can
 * run on into the indentation of the next line (after a trailing comment): that line is not the node's.
 */
function nodeEnd(text: string, end: number): number {
  const start = lineStart(text, end);
  if (text.slice(start, end).trim() === '') return start;
  return lineEnd(text, end);
}

/** The offset just past the line break that ends the line holding `offset - 1`. */
function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** An insert, then the flows of the item's `from` steps to its branch redirected to the new step (a join before the branch). */
function insertWithRedirects(text: string, item: PlanInsert): Edit {
  if (item.onTimeout !== undefined) return insertOnTimeout(text, item);
  let current = insert(text, item);
  for (const from of item.from ?? []) {
    if (typeof current !== 'string') return current;
    if (item.branch === undefined) return { reason: 'a join needs the step its flows meet at' };
    current = redirect(current, from, item.branch, item.step.id);
  }
  return current;
}

/**
 * A new step on the flow `after` takes when nothing arrives in time. Its `timeout.next` now names the new
 * step, which flows on to the old target; a step without a timeout gets one. The new step goes right
 * after `after` in the list, so `after`'s own flow, where the list order gave it, is written out.
 */
function insertOnTimeout(text: string, item: PlanInsert): Edit {
  if (item.after === null) return { reason: 'a timeout needs the step that waits' };
  const found = stepItem(text, item.after);
  if ('reason' in found) return found;
  const { item: waiting } = found;
  const doc = parsed(text);
  const steps = doc.get('steps', true) as YAMLSeq;
  const index = steps.items.indexOf(waiting);
  const keyColumn = waiting.range![0] - lineStart(text, waiting.range![0]);
  const dashLine = text.slice(lineStart(text, waiting.range![0]), waiting.range![0]);
  const dash = dashLine.indexOf('-');
  if (dash === -1 || dashLine.trim() !== '-') return { reason: `the step \`${item.after}\` is not laid out one key a line` };
  const timeout = waiting.get('timeout', true) as Node | undefined;
  let onward = item.branch;
  let edited: string;
  let end = nodeEnd(text, waiting.range![2]);
  if (timeout !== undefined) {
    const next = isMap(timeout) ? (timeout.get('next', true) as Node | undefined) : undefined;
    if (!isScalar(next) || next.type !== 'PLAIN' || !next.range) return { reason: `the \`timeout\` of \`${item.after}\` has no \`next\` written as a plain id: add the step by hand` };
    onward = String(next.value);
    edited = `${text.slice(0, next.range[0])}${item.step.id}${text.slice(next.range[1])}`;
    end += item.step.id.length - (next.range[1] - next.range[0]);
  } else {
    if (onward === undefined) return { reason: 'a new timeout needs the step its flow goes on to' };
    const line = `${' '.repeat(keyColumn)}timeout: { after: ${item.onTimeout}, next: ${item.step.id} } # pmlint: check this\n`;
    edited = `${text.slice(0, end)}${line}${text.slice(end)}`;
    end += line.length;
  }
  // The list order gave `after` its flow: written out, since the new step now follows it in the list.
  const following = steps.items[index + 1];
  if (waiting.get('next') === undefined && waiting.get('type') !== 'end' && isMap(following) && typeof following.get('id') === 'string') {
    const line = `${' '.repeat(keyColumn)}next: ${String(following.get('id'))}\n`;
    edited = `${edited.slice(0, end)}${line}${edited.slice(end)}`;
    end += line.length;
  }
  const step = { ...item.step, ...(onward !== undefined ? { next: onward } : {}) };
  return `${edited.slice(0, end)}${renderStep(step, dash, keyColumn, item.unsure)}${edited.slice(end)}`;
}

/** The scalar naming `target` in a step's `next` (an id, a list of ids or of `{ to }` mappings), with its range. */
function flowTo(next: Node | undefined, target: string): Scalar & { range: [number, number, number] } | undefined {
  const items = next === undefined ? [] : isSeq(next) ? next.items : [next];
  const scalars = items.map((f) => (isMap(f) ? f.get('to', true) : f));
  return scalars.find((n): n is Scalar & { range: [number, number, number] } => isScalar(n) && n.value === target && n.range !== undefined && n.range !== null);
}

/** The flow from `from` to `target` now goes to `to`: in its `next` where it is written, else (the flow is implicit) a new `next`. */
function redirect(text: string, from: string, target: string, to: string): Edit {
  const found = stepItem(text, from);
  if ('reason' in found) return found;
  const { item: step } = found;
  const nextNode = step.get('next', true) as Node | undefined;
  const flow = flowTo(nextNode, target);
  if (flow?.type === 'PLAIN') return `${text.slice(0, flow.range[0])}${to}${text.slice(flow.range[1])}`;
  if (nextNode !== undefined) return { reason: `\`${from}\` has no flow to \`${target}\` written as a plain id: point it at \`${to}\` by hand` };
  const keyColumn = step.range![0] - lineStart(text, step.range![0]);
  const at = nodeEnd(text, step.range![2]);
  return `${text.slice(0, at)}${' '.repeat(keyColumn)}next: ${to}\n${text.slice(at)}`;
}

/** A new step after `after`: the step's flows now pass through it. */
function insert(text: string, item: PlanInsert): Edit {
  if (item.after === null) return { reason: 'a step before the first one is not written automatically' };
  const found = stepItem(text, item.after);
  if ('reason' in found) return found;
  const { item: after } = found;
  if (after.get('type') === 'end') return { reason: `\`${item.after}\` is an end: nothing follows it` };
  const nextNode = after.get('next', true) as Node | undefined;
  if (item.branch !== undefined && isSeq(nextNode)) return insertOnBranch(text, item, found, nextNode);
  if (item.branch !== undefined && nextNode !== undefined && !(isScalar(nextNode) && nextNode.value === item.branch)) {
    return { reason: `\`${item.after}\` has no flow to \`${item.branch}\`` };
  }
  if (item.branch === undefined && after.get('type') === 'decision') return { reason: `\`${item.after}\` is a decision: say on which branch the step goes` };
  const keyColumn = after.range![0] - lineStart(text, after.range![0]);
  const dashLine = text.slice(lineStart(text, after.range![0]), after.range![0]);
  const dash = dashLine.indexOf('-');
  if (dash === -1 || dashLine.trim() !== '-') return { reason: `the step \`${item.after}\` is not laid out one key a line` };

  const step: Record<string, unknown> = { ...item.step };
  let edited = text;
  let moved = '';
  let end = nodeEnd(text, after.range![2]);
  const nextPair = after.items.find((p) => isScalar(p.key) && p.key.value === 'next') as Pair<Node, Node> | undefined;
  if (nextPair?.key.range && nextPair.value?.range) {
    // The step's own `next` moves, verbatim with its comments, to the new step; it now flows into the new step.
    const from = lineStart(text, nextPair.key.range[0]);
    if (text.slice(from, nextPair.key.range[0]).trim() !== '') return { reason: `the step \`${item.after}\` is not laid out one key a line` };
    const to = nodeEnd(text, nextPair.value.range[2]);
    moved = text.slice(from, to);
    if (!moved.endsWith('\n')) moved += '\n';
    const redirect = `${' '.repeat(keyColumn)}next: ${item.step.id}\n`;
    edited = `${text.slice(0, from)}${redirect}${text.slice(to)}`;
    // The step's `next` lies inside it: its end moves by what the edit took out and put in.
    end += redirect.length - (to - from);
  }
  const rendered = renderStep(step, dash, keyColumn, item.unsure) + moved;
  return `${edited.slice(0, end)}${end > 0 && edited[end - 1] !== '\n' ? '\n' : ''}${rendered}${edited.slice(end)}`;
}

/**
 * A new step on one flow out of `after` (a decision's branch): that flow's target now names the new
 * step, which flows on to the old target. Everything else about the step stays as it was.
 */
function insertOnBranch(text: string, item: PlanInsert, found: { item: YAMLMap }, flows: YAMLSeq): Edit {
  const scalar = flowTo(flows, item.branch!);
  if (!scalar) return { reason: `\`${item.after}\` has no flow to \`${item.branch}\`` };
  const redirected = `${text.slice(0, scalar.range[0])}${item.step.id}${text.slice(scalar.range[1])}`;
  const start = found.item.range![0];
  const keyColumn = start - lineStart(text, start);
  const dash = text.slice(lineStart(text, start), start).indexOf('-');
  // The redirected flow lies inside the step: its end moves by the difference in length.
  const at = nodeEnd(text, found.item.range![2]) + item.step.id.length - (scalar.range[1] - scalar.range[0]);
  return `${redirected.slice(0, at)}${renderStep({ ...item.step, next: item.branch }, dash, keyColumn, item.unsure)}${redirected.slice(at)}`;
}

/**
 * A new entry under `systems` (one flow mapping on one line, as maps write systems), after the last
 * system; a map without `systems` gets the section before `steps`.
 */
function addSystem(text: string, item: PlanSystem): Edit {
  const doc = parsed(text);
  if (doc.errors.length > 0) return { reason: `the map does not parse: ${doc.errors[0]!.message}` };
  if (!isMap(doc.contents)) return { reason: 'the map is not a mapping' };
  const entry = `${item.id}: { ${Object.entries(item.system).map(([k, v]) => `${k}: ${typeof v === 'string' ? scalarText(v) : String(v)}`).join(', ')} }`;
  const systems = doc.get('systems', true);
  if (isMap(systems) && !systems.flow && systems.items.length > 0) {
    if (systems.has(item.id)) return { reason: `the map already has a system \`${item.id}\`` };
    const first = systems.items[0]!.key as Node;
    const column = first.range![0] - lineStart(text, first.range![0]);
    const at = nodeEnd(text, systems.range![2]);
    return `${text.slice(0, at)}${' '.repeat(column)}${entry}\n${text.slice(at)}`;
  }
  const actors = doc.get('actors', true);
  const firstActor = isMap(actors) && !actors.flow ? (actors.items[0]?.key as Node | undefined) : undefined;
  const column = firstActor?.range ? firstActor.range[0] - lineStart(text, firstActor.range[0]) : 2;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'systems') as Pair<Scalar, Node | null> | undefined;
  const empty = (isScalar(systems) && systems.value === null) || (isMap(systems) && systems.flow && systems.items.length === 0 && !text.slice(systems.range![0], systems.range![1]).includes('#'));
  if (pair?.key.range && empty) {
    // `systems:` with nothing, or `systems: {}`: the entry goes under the key, which keeps its own line and comment.
    if (isMap(systems)) {
      const [from, to] = systems.range!;
      return `${text.slice(0, from).trimEnd()}${text.slice(to, lineEnd(text, to) - 1)}\n${' '.repeat(column)}${entry}\n${text.slice(lineEnd(text, to))}`;
    }
    const at = lineEnd(text, pair.key.range[1]);
    return `${text.slice(0, at)}${' '.repeat(column)}${entry}\n${text.slice(at)}`;
  }
  if (systems !== undefined) return { reason: 'the map\'s `systems` is not laid out one system a line: add the system by hand' };
  const steps = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'steps');
  if (!steps || !isScalar(steps.key) || !steps.key.range) return { reason: 'the map has no `steps`' };
  // Before `steps:` and the comment lines that introduce it.
  let at = lineStart(text, steps.key.range[0]);
  while (at > 0 && text.slice(lineStart(text, at - 1), at).trimStart().startsWith('#')) at = lineStart(text, at - 1);
  return `${text.slice(0, at)}systems:\n${' '.repeat(column)}${entry}\n${text.slice(at)}`;
}

/** A string as a plain YAML scalar where it can be one, else double-quoted. */
function scalarText(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} '._-]*$/u.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) ? value : JSON.stringify(value);
}

/** More recipients or shared items on a step the map has, or fields set on it (its type, `opt-out`, `max-repeats`). */
function extend(text: string, item: PlanExtend): Edit {
  let current = text;
  for (const [field, value] of Object.entries(item.set ?? {})) {
    if (value === undefined) continue;
    const found = stepItem(current, item.step);
    if ('reason' in found) return found;
    const { item: step } = found;
    const node = step.get(field, true) as Node | undefined;
    if (node !== undefined) {
      // The field is there with another value: replaced where it is a plain word, else left to the author.
      if (!isScalar(node) || node.type !== 'PLAIN' || !node.range) return { reason: `\`${field}\` of \`${item.step}\` is not written as a plain word: make it \`${String(value)}\` by hand` };
      current = `${current.slice(0, node.range[0])}${String(value)}${current.slice(node.range[1])}`;
      continue;
    }
    const keyColumn = step.range![0] - lineStart(current, step.range![0]);
    const at = nodeEnd(current, step.range![2]);
    // A cap is the plan's best figure: said on its line, for the consultant to check.
    const note = field === 'max-repeats' ? ' # pmlint: check this' : '';
    current = `${current.slice(0, at)}${' '.repeat(keyColumn)}${field}: ${String(value)}${note}\n${current.slice(at)}`;
  }
  for (const field of ['to', 'shares', 'reads', 'writes'] as const) {
    const values = item.add[field];
    if (!values || values.length === 0) continue;
    const found = stepItem(current, item.step);
    if ('reason' in found) return found;
    const { item: step } = found;
    const keyColumn = step.range![0] - lineStart(current, step.range![0]);
    const pair = step.items.find((p) => isScalar(p.key) && p.key.value === field) as Pair<Node, Node> | undefined;
    if (!pair?.value?.range) {
      // No such field yet: a new line after the step's last field.
      const at = nodeEnd(current, step.range![2]);
      current = `${current.slice(0, at)}${' '.repeat(keyColumn)}${field}: ${flowList(values)}\n${current.slice(at)}`;
      continue;
    }
    const value = pair.value;
    const range = value.range!;
    // Only plain ids are edited in place; an alias, an anchor, a folded or quoted block, an empty value
    // or a comment inside an inline list is the author's way of writing it, and left to them.
    const plain = (n: unknown): n is Scalar => isScalar(n) && n.type === 'PLAIN' && !n.anchor && typeof n.value === 'string';
    const unusual = isAlias(value) || Boolean(value.anchor) || (isSeq(value) ? !value.items.every(plain) : !plain(value));
    if (unusual || (isSeq(value) && value.flow && current.slice(range[0], range[1]).includes('#'))) {
      return { reason: `\`${field}\` of \`${item.step}\` is not written as plain ids: add ${values.map((v) => `\`${v}\``).join(', ')} by hand` };
    }
    if (isSeq(value) && !value.flow) {
      // A new item like the others: the dash and the id at the columns the first item uses.
      const first = value.items[0] as Scalar;
      const last = value.items[value.items.length - 1] as Scalar;
      const line = lineStart(current, first.range![0]);
      const prefix = current.slice(line, first.range![0]);
      const at = nodeEnd(current, last.range![2]);
      current = `${current.slice(0, at)}${values.map((v) => `${prefix}${v}\n`).join('')}${current.slice(at)}`;
      continue;
    }
    const existing = isSeq(value) ? value.items.map((v) => String((v as Scalar).value)) : [String((value as Scalar).value)];
    current = `${current.slice(0, range[0])}${flowList([...existing, ...values.filter((v) => !existing.includes(v))])}${current.slice(range[1])}`;
  }
  return current;
}

function flowList(values: readonly string[]): string {
  return values.length === 1 ? values[0]! : `[${values.join(', ')}]`;
}

/** A new step as a list item: the dash at `dash`, its keys at `keyColumn`, lists written inline. */
function renderStep(step: Record<string, unknown>, dash: number, keyColumn: number, unsure: readonly string[] = []): string {
  // An empty list says nothing: it is left out.
  const doc = new Document(inFieldOrder(Object.fromEntries(Object.entries(step).filter(([, v]) => !(Array.isArray(v) && v.length === 0)))));
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isSeq(pair.value) || isMap(pair.value)) pair.value.flow = true;
      // What the map does not settle is said on its line, for the consultant to check.
      if (isScalar(pair.key) && unsure.includes(String(pair.key.value)) && (isScalar(pair.value) || isMap(pair.value))) pair.value.comment = ' pmlint: check this';
    }
  }
  const lines = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '').split('\n');
  return lines.map((line, i) => (i === 0 ? `${' '.repeat(dash)}-${' '.repeat(keyColumn - dash - 1)}${line}` : `${' '.repeat(keyColumn)}${line}`)).join('\n') + '\n';
}
