import { pushTo } from '../../util/list.js';
import type { ParseOutcome } from '../types.js';
import { parseXml } from '../xml.js';
import { bpmnToMap } from './convert.js';
import { describeInference, type Inference } from './inference.js';
import { DEFAULT_LEXICON, type Lexicon } from './lexicon.js';
import { BpmnLocator } from './locate.js';
import { unread } from './tree.js';

export { bpmnToMap, type BpmnMap } from './convert.js';
export { describeInference, type Inference, type InferenceKind } from './inference.js';

/** The XML tree of a BPMN file, with only the elements pmlint reads. */
export function readBpmnXml(bytes: Uint8Array): ReturnType<typeof parseXml> {
  return parseXml(bytes, { prune: unread });
}

/** Reads a BPMN 2.0 XML file into the same parsed form as a YAML map, so every rule runs on it unchanged. */
export function parseBpmnMap(bytes: Uint8Array, lexicon: Lexicon = DEFAULT_LEXICON): ParseOutcome & { inferences?: Inference[] } {
  const xml = readBpmnXml(bytes);
  if (!xml.ok) return xml;
  const converted = bpmnToMap(xml.doc.root, lexicon);
  if ('fatal' in converted) return { ok: false, fatal: { message: converted.fatal, line: xml.doc.root.line, column: xml.doc.root.column } };
  const issues = [...converted.issues];
  if (xml.doc.encodingNote) issues.push({ message: xml.doc.encodingNote, path: ['process'], target: 'key' });
  return {
    ok: true,
    map: {
      data: converted.data,
      evidence: evidenceById(converted.data, converted.inferences),
      locator: new BpmnLocator(converted.positions),
      rootPath: ['process'],
      comments: xml.doc.comments,
      extraIssues: issues,
      implicitNext: false,
      // An empty model says so itself; the schema would only add that `steps` is empty.
      schemaChecked: (converted.data['steps'] as unknown[]).length > 0,
    },
    inferences: converted.inferences,
  };
}

/** What was inferred about each step, system and actor, by id, so a finding that rests on it can say so. */
function evidenceById(data: Record<string, unknown>, inferences: readonly Inference[]): Map<string, string[]> {
  const steps = data['steps'] as { id: string }[];
  const out = new Map<string, string[]>();
  for (const inference of inferences) {
    if (!inference.evidence) continue;
    const { path } = inference;
    const id = path[0] === 'steps' ? steps[path[1] as number]?.id : typeof path[1] === 'string' ? path[1] : undefined;
    if (id === undefined) continue;
    pushTo(out, id, describeInference(inference));
  }
  return out;
}
