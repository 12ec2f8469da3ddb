import { describe, expect, it } from 'vitest';
import { lintSource } from '../../src/engine/lint.js';
import { allRules } from '../helpers/lint.js';

const ALL = allRules();

const model = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="p" name="Order">
${body}
  </process>
</definitions>
`;

const breaches = (body: string) =>
  lintSource(model(body), 'order.bpmn', ALL)
    .findings.filter((f) => f.ruleId === 'valid-schema')
    .map((f) => `${f.line}:${f.column} ${f.message}`);

describe('BPMN: ids used twice and flows that name no element are reported where they are', () => {
  it('a duplicate id, at the second element; references name the first', () => {
    const body = `    <startEvent id="s"/>
    <task id="t" name="Check order"/>
    <task id="t" name="Ship order"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
    <sequenceFlow id="f2" sourceRef="t" targetRef="e"/>`;
    expect(breaches(body)).toEqual(['6:5 the id `t` of this <task> is already the id of the <task> at line 5: BPMN ids are unique, and references to it are ambiguous']);
    const unreached = lintSource(model(body), 'order.bpmn', ALL).findings.filter((f) => f.ruleId === 'no-unreachable').map((f) => f.stepId);
    expect(unreached).toEqual(['ship-order']);
  });

  it('a sourceRef or targetRef that names nothing, or is missing', () => {
    const body = `    <startEvent id="s"/>
    <endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="nowhere"/>
    <sequenceFlow id="f2" targetRef="e"/>
    <sequenceFlow id="f3" sourceRef="s" targetRef="e"/>`;
    expect(breaches(body)).toEqual([
      '6:5 the <sequenceFlow> `f1`: its targetRef `nowhere` names no element of the model',
      '7:5 the <sequenceFlow> `f2` has no sourceRef: it connects nothing',
    ]);
  });

  it('a message flow between pools that exist is no breach', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <collaboration id="c">
    <participant id="shop" name="Shop" processRef="p"/>
    <participant id="customer" name="Customer"/>
    <messageFlow id="m1" sourceRef="send" targetRef="customer"/>
    <messageFlow id="m2" sourceRef="send" targetRef="gone"/>
  </collaboration>
  <process id="p" name="Order">
    <startEvent id="s"/><sendTask id="send" name="Send confirmation"/><endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="send"/><sequenceFlow id="f2" sourceRef="send" targetRef="e"/>
  </process>
</definitions>
`;
    const found = lintSource(text, 'order.bpmn', ALL).findings.filter((f) => f.ruleId === 'valid-schema').map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(found).toEqual(['7:5 the <messageFlow> `m2`: its targetRef `gone` names no element of the model']);
  });
});
