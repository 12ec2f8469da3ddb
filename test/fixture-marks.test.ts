import { describe, expect, it } from 'vitest';
import { expectedMarks, unmatched } from './helpers/fixtures.js';

describe('the fixture harness: # expect: markers', () => {
  const text = 'a: 1\n  - id: x  # expect: no-unreachable/unreachable@9, valid-schema\nb: 2 # expect: end-required/noEnd\n';

  it('reads rule, messageId and column, several on a line', () => {
    expect(expectedMarks(text)).toEqual([
      { line: 2, ruleId: 'no-unreachable', messageId: 'unreachable', column: 9 },
      { line: 2, ruleId: 'valid-schema' },
      { line: 3, ruleId: 'end-required', messageId: 'noEnd' },
    ]);
  });

  it('tells a finding with another messageId or column from the one announced', () => {
    const marks = expectedMarks(text);
    const found = [
      { line: 2, column: 9, ruleId: 'no-unreachable', messageId: 'unreachable' },
      { line: 2, column: 3, ruleId: 'valid-schema', messageId: 'any' },
      { line: 3, column: 1, ruleId: 'end-required', messageId: 'other' },
    ];
    expect(unmatched(marks, found)).toEqual({ marks: [{ line: 3, ruleId: 'end-required', messageId: 'noEnd' }], findings: ['3:1 end-required/other'] });
    expect(unmatched(marks, [...found.slice(0, 2), { ...found[2]!, messageId: 'noEnd' }])).toEqual({ marks: [], findings: [] });
  });

  it('reads XML comment markers at the end of a BPMN line', () => {
    const xml = '<process id="p">\n  <task id="t" name="Call" />  <!-- expect: no-unreachable/unreachable@3, step-actor/missing -->\n  <!-- a comment -->\n';
    expect(expectedMarks(xml)).toEqual([
      { line: 2, ruleId: 'no-unreachable', messageId: 'unreachable', column: 3 },
      { line: 2, ruleId: 'step-actor', messageId: 'missing' },
    ]);
  });

  it('refuses a marker it cannot read', () => {
    expect(() => expectedMarks('x # expect: a/b/c\n')).toThrow("line 1: a marker is rule-id[/messageId][@column]; got 'a/b/c'");
  });
});
