import type { DefinitionKind, DuplicateId, NodePath, Reference, ReferenceKind } from './types.js';

/** The ids a map defines (unique across its sections) and every reference to one, for `no-unknown-reference` and `valid-schema`. */
export class IdRegistry {
  readonly references: Reference[] = [];
  readonly duplicates: DuplicateId[] = [];
  private readonly definitions = new Map<string, { kind: DefinitionKind; path: NodePath }>();
  private readonly stepIds = new Map<number, string>();

  /** Defines `id`; false (and a duplicate recorded) when an earlier node already defines it. */
  define(id: string, kind: DefinitionKind, path: NodePath): boolean {
    const first = this.definitions.get(id);
    if (first) {
      this.duplicates.push({ id, path, first: first.path });
      return false;
    }
    this.definitions.set(id, { kind, path });
    return true;
  }

  kindOf(id: string): DefinitionKind | undefined {
    return this.definitions.get(id)?.kind;
  }

  /** Names the step at an index of `steps`, so references from inside it carry its id. */
  nameStep(index: number, id: string): void {
    this.stepIds.set(index, id);
  }

  /** Records a reference when the value is an id (text). */
  refer(kind: ReferenceKind, field: string, value: unknown, path: NodePath): void {
    if (typeof value !== 'string') return;
    const stepId = path[0] === 'steps' && typeof path[1] === 'number' ? this.stepIds.get(path[1]) : undefined;
    this.references.push({ kind, id: value, field, path, ...(stepId ? { stepId } : {}) });
  }

  /** An id or a list of ids: each one referred to, the ids returned. */
  referList(kind: ReferenceKind, field: string, value: unknown, path: NodePath): string[] {
    if (typeof value === 'string') {
      this.refer(kind, field, value, path);
      return [value];
    }
    if (!Array.isArray(value)) return [];
    const ids: string[] = [];
    value.forEach((item, i) => {
      if (typeof item !== 'string') return;
      this.refer(kind, field, item, [...path, i]);
      ids.push(item);
    });
    return ids;
  }
}
