/**
 * Labels of the symbolic run (after Favre and Völzer's symbolic execution of workflow graphs): a flow's
 * label is the set of decision branches, any one of which puts a token on it. The branches of one
 * decision, all present, stand for what put the token on the decision: a label is kept in that normal
 * form, so two flows carry tokens in the same runs exactly when their labels are equal.
 */
export class Labels {
  private readonly groupOf: number[] = [0];
  private readonly members: number[][] = [[0]];
  private readonly parent: (readonly number[])[] = [[]];
  /** When each group's parent was set: a group stands below every group whose parent was set before. */
  private readonly since: number[] = [0];
  private clock = 1;

  /** Sets what a group stands for, once it is known (a loop's exits stand for the loop's head). */
  setParent(group: number, parent: readonly number[]): void {
    this.parent[group] = parent;
    this.since[group] = this.clock++;
  }

  /** A new group of `size` symbols that together stand for `parent`; returns the first symbol's number. */
  group(size: number, parent: readonly number[]): number {
    const g = this.members.length;
    const first = this.groupOf.length;
    const list: number[] = [];
    for (let i = 0; i < size; i++) {
      this.groupOf.push(g);
      list.push(first + i);
    }
    this.members.push(list);
    this.parent.push(parent);
    this.since.push(this.clock++);
    return first;
  }

  /** The union of labels, in normal form (sorted). */
  union(labels: readonly (readonly number[])[]): number[] {
    const set = new Set<number>();
    for (const l of labels) for (const s of l) set.add(s);
    for (let changed = true; changed; ) {
      changed = false;
      const count = new Map<number, number>();
      for (const s of set) {
        const g = this.groupOf[s]!;
        if (g !== 0) count.set(g, (count.get(g) ?? 0) + 1);
      }
      for (const [g, c] of count) {
        if (c !== this.members[g]!.length) continue;
        for (const s of this.members[g]!) set.delete(s);
        for (const s of this.parent[g]!) set.add(s);
        changed = true;
      }
    }
    return [...set].sort((a, b) => a - b);
  }

  /**
   * True when no run puts tokens on flows with both labels: every symbol of one excludes every symbol of
   * the other (two branches of one decision, or what lies below them). Unsure answers (past a depth of
   * 64 decisions) are "not exclusive".
   */
  exclusive(a: readonly number[], b: readonly number[]): boolean {
    return a.every((s) => b.every((t) => this.apart(s, t, 64)));
  }

  /** True when every run that marks a flow labelled `a` marks one labelled `b` (unsure answers: false). */
  implies(a: readonly number[], b: readonly number[]): boolean {
    const target = new Set(b);
    return target.has(0) || a.every((s) => this.below(s, target, 64));
  }

  private below(s: number, target: ReadonlySet<number>, depth: number): boolean {
    if (target.has(s)) return true;
    if (s === 0 || depth === 0) return false;
    const parent = this.parent[this.groupOf[s]!]!;
    return parent.length > 0 && parent.every((p) => this.below(p, target, depth - 1));
  }

  private apart(s: number, t: number, depth: number): boolean {
    if (s === 0 || t === 0 || s === t || depth === 0) return false;
    const [gs, gt] = [this.groupOf[s]!, this.groupOf[t]!];
    if (gs === gt) return true;
    // The symbol whose group got its parent later stands below it: apart when every symbol of that parent is.
    const [lower, upper] = this.since[gs]! > this.since[gt]! ? [s, t] : [t, s];
    const parent = this.parent[this.groupOf[lower]!]!;
    return parent.length > 0 && parent.every((p) => this.apart(p, upper, depth - 1));
  }

  /** The symbols of the group a symbol belongs to (itself alone for the run's start). */
  siblings(s: number): readonly number[] {
    return s === 0 ? [0] : this.members[this.groupOf[s]!]!;
  }

  /** The group a symbol belongs to (0: the run's start). */
  groupOfSymbol(s: number): number {
    return this.groupOf[s]!;
  }
}

/** True when two labels in normal form are the same. */
export const sameLabel = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);
