/** `# expect: …` at the end of a YAML line, `<!-- expect: … -->` at the end of an XML one. */
const EXPECT = /(?:#|<!--)\s*expect:\s*([\w\-/@, ]+?)\s*(?:-->)?\s*$/;

/** One announced finding: on this line, by this rule, with this messageId and column when given. */
export interface Mark {
  line: number;
  ruleId: string;
  messageId?: string;
  column?: number;
}

/**
 * The findings a fixture announces: `# expect: rule-id/messageId@column` on the line each finding
 * points at (`/messageId` and `@column` optional), several separated by commas; in a BPMN fixture,
 * `<!-- expect: rule-id/messageId -->` at the end of the line of the element's start tag.
 */
export function expectedMarks(text: string): Mark[] {
  const out: Mark[] = [];
  text.split('\n').forEach((line, i) => {
    const match = EXPECT.exec(line);
    if (!match) return;
    for (const spec of match[1]!.split(',')) {
      const [, ruleId, messageId, column] = /^([\w-]+)(?:\/([\w-]+))?(?:@(\d+))?$/.exec(spec.trim()) ?? [];
      if (!ruleId) throw new Error(`line ${i + 1}: a marker is rule-id[/messageId][@column]; got '${spec.trim()}'`);
      out.push({ line: i + 1, ruleId, ...(messageId ? { messageId } : {}), ...(column ? { column: Number(column) } : {}) });
    }
  });
  return out;
}

/** The marks the findings do not meet, and the findings no mark announces (both empty when they agree). */
type Found = { line: number; column: number; ruleId: string; messageId: string };

export function unmatched(marks: readonly Mark[], findings: readonly Found[]): { marks: Mark[]; findings: string[] } {
  const left = [...marks];
  const extra: string[] = [];
  for (const f of findings) {
    const meets = (m: Mark): boolean =>
      m.line === f.line && m.ruleId === f.ruleId && (m.messageId ?? f.messageId) === f.messageId && (m.column ?? f.column) === f.column;
    const at = left.findIndex(meets);
    if (at === -1) extra.push(`${f.line}:${f.column} ${f.ruleId}/${f.messageId}`);
    else left.splice(at, 1);
  }
  return { marks: left, findings: extra };
}

export { fixtureOptions } from '../../scripts/docs.js';
