import type { Conversion } from './context.js';
import { children, isBpmn } from './tree.js';

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

/**
 * BPMN 2.0 (10.5.2 and 10.5.3): a process level that uses a start event must have an end event, and one
 * that uses an end event must have a start event. Only a level with neither begins and ends implicitly.
 */
export function checkStartsAndEnds(c: Conversion): void {
  for (const process of c.all.filter((e) => isBpmn(e, 'process'))) {
    const starts = children(process, 'startEvent').length;
    const ends = children(process, 'endEvent').length;
    const what = `the process${process.attrs.get('name') ? ` '${process.attrs.get('name')}'` : ''}`;
    if (starts > 0 && ends === 0) c.breach(process, `${what} has a start event but no end event: BPMN requires one wherever a start event is used (its paths now end where they stop)`);
    if (ends > 0 && starts === 0) c.breach(process, `${what} has an end event but no start event: BPMN requires one wherever an end event is used (it now starts at every element no flow enters)`);
  }
}
