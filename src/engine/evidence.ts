import type { Finding } from '../findings.js';

/** A finding on a converted model says what it rests on: the inferences about the elements it names. */
export function withEvidence(finding: Finding, evidence: ReadonlyMap<string, string[]>): string {
  const ids = new Set([finding.stepId, ...[...finding.message.matchAll(/`([^`]+)`/g)].map((m) => m[1])]);
  const notes = [...ids].flatMap((id) => (id ? (evidence.get(id) ?? []) : []));
  return notes.length === 0 ? finding.message : `${finding.message} (read from the BPMN model: ${[...new Set(notes)].join('; ')})`;
}
