import type { NodePath } from '../../positions.js';
import type { SchemaIssue } from '../types.js';
import type { XmlElement } from '../xml.js';
import type { Inference, InferenceKind } from './inference.js';
import { normaliseLabel, type Lexicon } from './lexicon.js';
import { descendants, isGeneratedId, kindName } from './tree.js';

export type Obj = Record<string, unknown>;

export interface Position {
  line: number;
  column: number;
  length: number;
}

/** A map id made from a label: lowercase words joined by hyphens, starting with a letter. */
export function slug(text: string): string {
  const s = normaliseLabel(text)
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{Ll}\p{Nd}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return /^\p{Ll}/u.test(s) ? s : `x-${s || 'element'}`.replace(/^x-/, 'e-');
}

export function label(e: XmlElement): string {
  return normaliseLabel(e.attrs.get('name') ?? '');
}

/** An element as messages name it: its label, else its kind and line ("exclusive gateway at line 40"). */
export function readableName(e: XmlElement): string {
  return label(e) || `${kindName(e)} at line ${e.line}`;
}

/** The base of an element's map id: its label, else its id unless a tool made it up, else its kind and line. */
export function idBase(e: XmlElement): string {
  const id = e.attrs.get('id') ?? '';
  return label(e) || (id && !isGeneratedId(id) ? id : `${kindName(e)} ${e.line}`);
}

/** What every section of the conversion shares: the model's elements, the map's ids, and what was inferred where. */
export class Conversion {
  /** Every element of the model, in document order. */
  readonly all: XmlElement[];
  /** Elements by BPMN id; a repeated id names its first element. */
  readonly byId = new Map<string, XmlElement>();
  /** Elements whose id an earlier element already has. */
  readonly repeated: XmlElement[] = [];
  /** BPMN id → map id. */
  readonly ids = new Map<string, string>();
  readonly inferences: Inference[] = [];
  readonly issues: SchemaIssue[] = [];
  /** Where each map node came from, by its path as JSON. */
  readonly positions = new Map<string, Position>();
  private readonly used = new Set<string>();

  constructor(
    readonly root: XmlElement,
    readonly lexicon: Lexicon,
  ) {
    this.all = descendants(root);
    for (const e of this.all) {
      const id = e.attrs.get('id');
      if (!id) continue;
      if (this.byId.has(id)) this.repeated.push(e);
      else this.byId.set(id, e);
    }
  }

  /** A map id not used yet, made from `base`; remembered as the map id of `bpmnId`. */
  fresh(base: string, bpmnId?: string): string {
    const stem = slug(base);
    let id = stem;
    for (let n = 2; this.used.has(id); n++) id = `${stem}-${n}`;
    this.used.add(id);
    if (bpmnId) this.ids.set(bpmnId, id);
    return id;
  }

  isUsed(id: string): boolean {
    return this.used.has(id);
  }

  /** Records that the map node at `path` comes from the element `e`. */
  at(path: NodePath, e: XmlElement): void {
    this.positions.set(JSON.stringify(path), { line: e.line, column: e.column, length: e.nameLength + 1 });
  }

  infer(path: NodePath, kind: InferenceKind, conclusion: string, because: string, evidence = true): void {
    this.inferences.push({ path, kind, conclusion, because, evidence });
  }

  /** A breach of BPMN itself (an id used twice, a flow to nothing), reported by `valid-schema` where it is. */
  breach(e: XmlElement, message: string): void {
    const path: NodePath = ['bpmn', `${e.line}:${e.column}`];
    this.at(path, e);
    this.issues.push({ message, path, target: 'value' });
  }
}
