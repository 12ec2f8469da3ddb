import type { Conversion } from './context.js';
import { isBpmn } from './tree.js';

/**
 * What bpmnlint reports too: an id used twice, and a flow whose end names no element. The model is
 * read on (the first element keeps the id, the flow is left out); the breach is reported where it is.
 */
export function checkReferences(c: Conversion): void {
  for (const e of c.repeated) {
    const first = c.byId.get(e.attrs.get('id')!)!;
    c.breach(e, `the id \`${e.attrs.get('id')}\` of this <${e.local}> is already the id of the <${first.local}> at line ${first.line}: BPMN ids are unique, and references to it are ambiguous`);
  }
  for (const flow of c.all) {
    if (!isBpmn(flow, 'sequenceFlow') && !isBpmn(flow, 'messageFlow')) continue;
    for (const end of ['sourceRef', 'targetRef']) {
      const ref = flow.attrs.get(end);
      const what = `the <${flow.local}>${flow.attrs.get('id') ? ` \`${flow.attrs.get('id')}\`` : ''}`;
      if (ref === undefined || ref === '') c.breach(flow, `${what} has no ${end}: it connects nothing`);
      else if (!c.byId.has(ref)) c.breach(flow, `${what}: its ${end} \`${ref}\` names no element of the model`);
    }
  }
}
