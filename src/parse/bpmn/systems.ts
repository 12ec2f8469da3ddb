import { label, type Conversion, type Obj } from './context.js';
import { findWord } from './lexicon.js';
import { isBpmn, pmlintAttr } from './tree.js';

/**
 * The map's systems, read from data stores, and the system each reference names. Data objects are
 * the process's own documents (an order, a form), which live and die with the instance: no system.
 */
export interface Systems {
  /** The map's `systems` section. */
  entries: Obj;
  /** BPMN id of a data store or data store reference → system id. */
  systemOf: ReadonlyMap<string, string>;
}

export function readSystems(c: Conversion): Systems {
  const entries: Obj = {};
  const systemOf = new Map<string, string>();
  const stores = c.all.filter((e) => isBpmn(e, 'dataStore'));
  const references = c.all.filter((e) => isBpmn(e, 'dataStoreReference'));
  for (const d of [...stores, ...references]) {
    const target = d.attrs.get('dataStoreRef');
    const targetElement = target === undefined ? undefined : c.byId.get(target);
    const known = target === undefined ? undefined : systemOf.get(target);
    // A reference to a store already read names the same system, unless it gives the store a name of its own.
    if (known && (!label(d) || label(d) === label(targetElement!))) {
      systemOf.set(d.attrs.get('id') ?? '', known);
      continue;
    }
    const name = label(d) || (target ? label(targetElement ?? d) : '') || (d.attrs.get('id') ?? 'data');
    const id = c.fresh(name, d.attrs.get('id'));
    const calendar = findWord(name, c.lexicon.calendar);
    const crm = findWord(name, c.lexicon.crm);
    const type = calendar ? 'calendar' : crm ? 'crm' : 'other';
    const live = pmlintAttr(d, 'live') === 'true' || (targetElement !== undefined && pmlintAttr(targetElement, 'live') === 'true');
    entries[id] = { name, type, ...(live ? { live: true } : {}) };
    if (calendar) c.infer(['systems', id], 'system-type', 'calendar', `the data store name '${name}'${live ? '' : '; not live unless pmlint:live="true" says so'}`);
    else if (crm) c.infer(['systems', id], 'system-type', 'crm', `the data store name '${name}'`);
    systemOf.set(d.attrs.get('id') ?? '', id);
    c.at(['systems', id], d);
  }
  return { entries, systemOf };
}
