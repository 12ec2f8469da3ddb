const EXPECT = /#\s*expect:\s*([\w\-/, ]+)$/;
const OPTIONS = /^#\s*options:\s*(\{.*\})\s*$/m;

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

/** Options for the folder's rule, from a `# options: {json}` line in the fixture. */
export function fixtureOptions(text: string): Record<string, unknown> {
  const match = OPTIONS.exec(text);
  return match ? (JSON.parse(match[1]!) as Record<string, unknown>) : {};
}
