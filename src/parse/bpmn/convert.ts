import type { XmlElement } from '../xml.js';
import { Actors } from './actors.js';
import { Conversion, label, slug, type Obj, type Position } from './context.js';
import { readFlows } from './flows.js';
import { addWorkItems } from './handover.js';
import type { Inference } from './inference.js';
import { DEFAULT_LEXICON, normaliseLabel, type Lexicon } from './lexicon.js';
import { checkReferences, checkStartsAndEnds } from './references.js';
import { messageRoutes } from './recipients.js';
import { readSteps } from './steps.js';
import { readSystems } from './systems.js';
import { BPMN, isBpmn } from './tree.js';
import type { SchemaIssue } from '../types.js';

export interface BpmnMap {
  data: Obj;
  inferences: Inference[];
  issues: SchemaIssue[];
  positions: ReadonlyMap<string, Position>;
}

/** Converts a parsed BPMN 2.0 document into pmlint's map format, recording every inference it makes. */
export function bpmnToMap(root: XmlElement, lexicon: Lexicon = DEFAULT_LEXICON): BpmnMap | { fatal: string } {
  if (!isBpmn(root, 'definitions')) {
    return { fatal: `not a BPMN 2.0 model: the root element is <${root.local}> in ${root.uri ? `namespace ${root.uri}` : 'no namespace'}, not <definitions> in ${BPMN}` };
  }
  const c = new Conversion(root, lexicon);
  const processes = c.all.filter((e) => isBpmn(e, 'process'));
  const participants = c.all.filter((e) => isBpmn(e, 'participant'));
  const messageFlows = c.all.filter((e) => isBpmn(e, 'messageFlow'));
  c.at(['process'], processes[0] ?? root);
  checkReferences(c);
  checkStartsAndEnds(c);
  const actors = new Actors(c, participants, processes);
  const systems = readSystems(c);
  const steps = readSteps(c, actors, systems, messageRoutes(messageFlows));
  readFlows(c, steps);
  addWorkItems(c, steps, actors);

  const main = processes.find((p) => steps.list.length > 0 && steps.nodes.some((n) => n.parent === p)) ?? processes[0];
  const processName = main ? label(main) || participants.find((p) => p.attrs.get('processRef') === main.attrs.get('id'))?.attrs.get('name') : undefined;
  const base = main ? slug(processName || main.attrs.get('id') || 'process') : 'empty-model';
  const processId = c.fresh(c.isUsed(base) ? `${base}-process` : base);
  if (steps.list.length === 0) {
    c.issues.push({
      message: processes.length === 0 ? 'the BPMN model is empty: it has no <process>, so there is nothing to check (diagram data only?)' : 'the BPMN model is empty: its processes have no steps',
      path: ['process'],
      target: 'key',
    });
  }
  const offerIds = [...new Set(steps.list.flatMap((st) => (st['offers'] as string[] | undefined) ?? []))];
  const data: Obj = {
    pmlint: 1,
    process: { id: processId, name: normaliseLabel(processName ?? '') || processId },
    actors: Object.keys(actors.entries).length > 0 ? actors.entries : { nobody: { type: 'human' } },
    ...(Object.keys(systems.entries).length > 0 ? { systems: systems.entries } : {}),
    ...(offerIds.length > 0 ? { offers: Object.fromEntries(offerIds.map((o) => [o, { name: o }])) } : {}),
    steps: steps.list,
  };
  return { data, inferences: c.inferences, issues: c.issues, positions: c.positions };
}
