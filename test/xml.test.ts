import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../src/parse/xml.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const DI = 'http://www.omg.org/spec/BPMN/20100524/DI';
const bytes = (text: string) => new TextEncoder().encode(text);
const unread = (uri: string) => uri !== BPMN;

function tree(text: string, prune?: (uri: string) => boolean): XmlElement {
  const parsed = parseXml(bytes(text), prune ? { prune } : {});
  if (!parsed.ok) throw new Error(parsed.fatal.message);
  return parsed.doc.root;
}

const MODEL = `<definitions xmlns="${BPMN}" xmlns:di="${DI}" xmlns:v="urn:vendor">
  <process id="p">
    <task id="t" v:colour="red"><v:attr><v:value>x</v:value></v:attr></task>
  </process>
  <di:BPMNDiagram id="d"><di:BPMNPlane id="pl"><di:BPMNShape id="s"/></di:BPMNPlane></di:BPMNDiagram>
</definitions>`;

describe('reading XML', () => {
  it('leaves elements of unread namespaces, and all inside them, out of the tree', () => {
    const root = tree(MODEL, unread);
    expect(root.children.map((c) => c.local)).toEqual(['process']);
    const task = root.children[0]!.children[0]!;
    expect([task.local, task.children.length, task.attrs.get('{urn:vendor}colour')]).toEqual(['task', 0, 'red']);
    expect(tree(MODEL).children.map((c) => c.local)).toEqual(['process', 'BPMNDiagram']);
  });

  it('never prunes the root, whatever its namespace', () => {
    expect(tree(`<html xmlns="urn:other"><body/></html>`, unread)).toMatchObject({ local: 'html', uri: 'urn:other', children: [] });
  });

  it('still checks what it leaves out for well-formedness, with the line and column', () => {
    const broken = `<definitions xmlns="${BPMN}" xmlns:di="${DI}">\n  <di:BPMNDiagram>\n    <di:BPMNShape></di:BPMNPlane>\n  </di:BPMNDiagram>\n</definitions>`;
    const parsed = parseXml(bytes(broken), { prune: unread });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.fatal).toMatchObject({ message: expect.stringMatching(/^XML error: unexpected close tag/), line: 3 });
  });

  it("keeps an element's text before its first child, not the whitespace that lays out its children", () => {
    const root = tree(`<a xmlns="${BPMN}">\n  <flowNodeRef>\n    task_1\n  </flowNodeRef>\n  <conditionExpression><![CDATA[amount > 100]]></conditionExpression>\n  <documentation>Call &amp; confirm</documentation>\n</a>`);
    expect(root.text).toBe('');
    expect(root.children.map((c) => c.text.trim())).toEqual(['task_1', 'amount > 100', 'Call & confirm']);
    expect(tree(`<a xmlns="${BPMN}">lead <b>inner</b> tail</a>`).text).toBe('lead ');
  });

  it('gives each element the line and column where its start tag begins', () => {
    const root = tree(`<a xmlns="${BPMN}">\n  <b/>\n      <c>\n</c></a>`);
    expect(root.children.map((c) => [c.local, c.line, c.column])).toEqual([
      ['b', 2, 3],
      ['c', 3, 7],
    ]);
  });

  it('places a start tag whose name ends its line on that line, with the whole prefixed name, whatever the line breaks', () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const root = tree(`<bpmn:a xmlns:bpmn="${BPMN}">${nl}  <bpmn:task${nl}    id="t"/><bpmn:b/>${nl}\u{1F600}<bpmn:c\tid="c"/><bpmn:c/></bpmn:a>`);
      expect(root.children.map((c) => [c.local, c.line, c.column, c.nameLength])).toEqual([
        ['task', 2, 3, 9],
        ['b', 3, 13, 6],
        ['c', 4, 2, 6],
        ['c', 4, 18, 6],
      ]);
    }
  });
});
