import type { XmlElement } from '../xml.js';

export const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
export const PMLINT = 'urn:pmlint:bpmn:1';
export const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';
export const ZEEBE = 'http://camunda.org/schema/zeebe/1.0';

/**
 * The namespaces whose elements pmlint reads. The rest (diagram interchange, vendors' extensions
 * such as ADONIS's attribute records) is most of a model's bytes and is left out of the tree.
 */
const READ = new Set([BPMN, CAMUNDA, ZEEBE, PMLINT]);
export const unread = (uri: string): boolean => !READ.has(uri);

/** The sub-process kinds, flattened into their steps. */
export const CONTAINERS = new Set(['subProcess', 'transaction', 'adHocSubProcess']);

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
