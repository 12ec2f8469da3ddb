import type { XmlElement } from '../xml.js';
import { CAMUNDA, descendants, ZEEBE } from './tree.js';

/**
 * An e-mail or SMS connector on a task, said for people: Camunda 8 templates and task types,
 * Camunda 7 topics, classes and expressions.
 */
export function emailConnector(node: XmlElement): string | undefined {
  const template = node.attrs.get(`{${ZEEBE}}modelerTemplate`) ?? '';
  if (/sendgrid|twilio|mail|sms/i.test(template)) return `the connector template '${template}'`;
  const topic = node.attrs.get(`{${CAMUNDA}}topic`) ?? '';
  if (/mail|sms|notif/i.test(topic)) return `the external task topic '${topic}'`;
  const impl = node.attrs.get(`{${CAMUNDA}}class`) ?? node.attrs.get(`{${CAMUNDA}}delegateExpression`) ?? node.attrs.get(`{${CAMUNDA}}expression`) ?? '';
  if (/mail|sms/i.test(impl)) return `the implementation '${impl}'`;
  for (const e of descendants(node)) {
    if (e.uri !== ZEEBE) continue;
    const type = e.local === 'taskDefinition' ? (e.attrs.get('type') ?? '') : '';
    if (/mail|sms|sendgrid|twilio/i.test(type)) return `the task type '${type}'`;
  }
  return undefined;
}

/** The inputs a task passes its connector (`zeebe:input`, `camunda:inputParameter`): the input's name and its value. */
export function connectorInputs(node: XmlElement): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const e of descendants(node)) {
    if (e.uri === ZEEBE && e.local === 'input') out.push({ name: e.attrs.get('target') ?? '', value: e.attrs.get('source') ?? '' });
    else if (e.uri === CAMUNDA && e.local === 'inputParameter') out.push({ name: e.attrs.get('name') ?? '', value: descendants(e).map((d) => d.text).join(' ') || e.text });
  }
  return out;
}
