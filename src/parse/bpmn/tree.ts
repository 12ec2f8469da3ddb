import type { XmlElement } from '../xml.js';

export const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
export const PMLINT = 'urn:pmlint:bpmn:1';
export const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';
export const ZEEBE = 'http://camunda.org/schema/zeebe/1.0';
export const FLOWABLE = 'http://flowable.org/bpmn';
export const ACTIVITI = 'http://activiti.org/bpmn';

/**
 * The namespaces whose elements pmlint reads. The rest (diagram interchange, vendors' extensions
 * such as ADONIS's attribute records) is most of a model's bytes and is left out of the tree.
 */
const READ = new Set([BPMN, CAMUNDA, ZEEBE, PMLINT]);
export const unread = (uri: string): boolean => !READ.has(uri);

/** The sub-process kinds, flattened into their steps. */
export const CONTAINERS = new Set(['subProcess', 'transaction', 'adHocSubProcess']);

const EVENT_WORDS: Record<string, string> = {
  startEvent: 'start event',
  endEvent: 'end event',
  intermediateCatchEvent: 'catch event',
  intermediateThrowEvent: 'throw event',
  boundaryEvent: 'boundary event',
};

/** The kinds of an event's definitions (`message`, `timer`, `error`…), in document order. */
export function eventKinds(e: XmlElement): string[] {
  return e.children.filter((d) => d.uri === BPMN && d.local.endsWith('EventDefinition')).map((d) => d.local.slice(0, -'EventDefinition'.length));
}

/** What an element is, for people: "timer catch event", "exclusive gateway", "sub-process", "pool". */
export function kindName(e: XmlElement): string {
  const event = EVENT_WORDS[e.local];
  if (event) return [eventKinds(e)[0], event].filter(Boolean).join(' ');
  if (e.local === 'participant') return 'pool';
  return e.local
    .replace(/SubProcess$/, 'Sub-process')
    .replace(/^subProcess$/, 'sub-process')
    .replace(/^adHoc/, 'ad-hoc')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/**
 * Whether an id was made by a tool rather than a person: a UUID (Signavio's `sid-…`, MIWG's `_…`),
 * bpmn.io's `Gateway_02l8rvi`, EMF's base64 UUIDs, plain numbers or long hexadecimal runs. Such ids say nothing to a reader.
 */
export function isGeneratedId(id: string): boolean {
  // EMF's base64 UUIDs (`Bpmn_Process_JfLssn8bEeWffp5A82Iu3A`): a long run of both cases and several digits.
  const tail = /[A-Za-z0-9]{16,}$/.exec(id)?.[0];
  if (tail && /[a-z]/.test(tail) && /[A-Z]/.test(tail) && (tail.match(/\d/g)?.length ?? 0) >= 3) return true;
  return (
    /^(sid-|_)?\{?[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\}?$/i.test(id) ||
    /^[A-Za-z]+_(?=[0-9a-z]*\d)[0-9a-z]{7}$/.test(id) ||
    /^[_-]?\d[\d_-]*$/.test(id) ||
    /^[A-Za-z]{0,12}[-_]?[0-9a-f]{12,}$/i.test(id)
  );
}

export function isBpmn(e: XmlElement, local?: string): boolean {
  return e.uri === BPMN && (local === undefined || e.local === local);
}

export function children(e: XmlElement, local: string): XmlElement[] {
  return e.children.filter((c) => isBpmn(c, local));
}

/** Every element below `root`, depth first, without recursion. */
export function descendants(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [...root.children].reverse();
  while (stack.length > 0) {
    const e = stack.pop()!;
    out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
  return out;
}

/** An attribute of pmlint's own namespace (`pmlint:live="true"`). */
export function pmlintAttr(e: XmlElement, name: string): string | undefined {
  return e.attrs.get(`{${PMLINT}}${name}`);
}
