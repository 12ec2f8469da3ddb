const EXPECT = /#\s*expect:\s*([\w\-/, ]+)$/;

/** The findings a fixture announces: `# expect: rule-id[, rule-id]` on the line each finding points at, as `line:rule-id`. */
export function expectedMarks(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const match = EXPECT.exec(line);
    if (!match) return;
    for (const id of match[1]!.split(',')) out.push(`${i + 1}:${id.trim()}`);
  });
  return out.sort();
}

export { fixtureOptions } from '../../scripts/docs.js';
