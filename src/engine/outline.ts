import type { ProcessOutline } from '../findings.js';
import type { ProcessModel } from '../model/types.js';

/** What the diagrams and the report draw of a map: its process, actors, steps and flows. */
export function outline(model: ProcessModel): ProcessOutline {
  return {
    id: model.process.id,
    name: model.process.name,
    kind: model.process.kind,
    actors: [...model.actors.values()].map((a) => ({ id: a.id, name: a.name, type: a.type })),
    steps: model.steps.map((s) => ({
      id: s.id,
      ...model.source.locate([...s.path, 'id'], 'value'),
      name: s.name,
      type: s.type,
      actor: s.actor,
      automated: s.automated,
      customerContact: s.customerContact,
    })),
    flows: model.steps.flatMap((s) =>
      s.next.filter((f) => model.step(f.to)).map((f) => ({ from: f.from, to: f.to, ...(f.when !== undefined ? { label: f.when } : f.default ? { label: 'otherwise' } : {}) })),
    ),
  };
}
