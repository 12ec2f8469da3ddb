/**
 * A finding on a converted model says what it rests on: the inferences about the elements it is
 * about, that is its step and every element its report's data names.
 */
export function withEvidence(message: string, subjects: readonly unknown[], evidence: ReadonlyMap<string, string[]>): string {
  const notes = new Set<string>();
  for (const subject of subjects) if (typeof subject === 'string') for (const note of evidence.get(subject) ?? []) notes.add(note);
  return notes.size === 0 ? message : `${message} (read from the BPMN model: ${[...notes].join('; ')})`;
}
