import { describe, expect, it } from 'vitest';
import { FlowGraph } from '../src/model/graph.js';

function graph(edges: string): FlowGraph {
  const pairs = edges
    .split(/\s+/)
    .filter(Boolean)
    .map((e) => e.split('>') as [string, string]);
  const nodes = new Set(pairs.flat());
  return new FlowGraph(nodes, pairs);
}

function chain(n: number): FlowGraph {
  const ids = Array.from({ length: n }, (_, i) => `s${i}`);
  return new FlowGraph(ids, ids.slice(1).map((id, i) => [ids[i]!, id] as const));
}

describe('FlowGraph', () => {
  // a → b → d, a → c → d, d → e; a diamond with a tail
  const diamond = graph('a>b a>c b>d c>d d>e');

  it('lists successors, predecessors and sinks', () => {
    expect(diamond.successors('a')).toEqual(['b', 'c']);
    expect(diamond.predecessors('d')).toEqual(['b', 'c']);
    expect(diamond.sinks()).toEqual(['e']);
    expect(diamond.successors('nope')).toEqual([]);
  });

  it('offers the same flow as a graphlib Graph', () => {
    expect(diamond.graph.nodes().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(diamond.graph.edges().map((e) => `${e.v}>${e.w}`).sort()).toEqual(['a>b', 'a>c', 'b>d', 'c>d', 'd>e']);
    expect(diamond.graph.sinks()).toEqual(diamond.sinks());
  });

  it('ignores flows to unknown steps and repeated flows', () => {
    const g = new FlowGraph(['a', 'b'], [['a', 'b'], ['a', 'b'], ['a', 'zzz']]);
    expect(g.successors('a')).toEqual(['b']);
    expect(g.graph.edgeCount()).toBe(1);
  });

  it('finds what is reachable, not entering avoided steps', () => {
    expect([...diamond.reachableFrom(['b'])].sort()).toEqual(['b', 'd', 'e']);
    expect([...diamond.reachableFrom(['a'], (id) => id === 'd')].sort()).toEqual(['a', 'b', 'c']);
  });

  it('finds what can reach a target, backwards', () => {
    expect([...diamond.reaching(['d'])].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...diamond.reaching(['e'], (id) => id === 'b')].sort()).toEqual(['a', 'c', 'd', 'e']);
  });

  it('finds a shortest path whose inner steps avoid a predicate', () => {
    expect(diamond.findPath(['a'], (id) => id === 'e')).toEqual(['a', 'b', 'd', 'e']);
    expect(diamond.findPath(['a'], (id) => id === 'e', (id) => id === 'b')).toEqual(['a', 'c', 'd', 'e']);
    expect(diamond.findPath(['a'], (id) => id === 'e', (id) => id === 'b' || id === 'c')).toBeNull();
  });

  it('checks the target before avoid, so a step can end a path it may not pass', () => {
    expect(diamond.findPath(['a'], (id) => id === 'd', (id) => id === 'd')).toEqual(['a', 'b', 'd']);
  });

  it('needs at least one flow for a path', () => {
    expect(diamond.findPath(['a'], (id) => id === 'a')).toBeNull();
    expect(graph('a>a').findPath(['a'], (id) => id === 'a')).toEqual(['a', 'a']);
  });

  it('tells whether every path passes a step: one branch of a decision is not enough', () => {
    expect(diamond.everyPathPasses('a', 'e', (id) => id === 'b')).toBe(false);
    expect(diamond.everyPathPasses('a', 'e', (id) => id === 'b' || id === 'c')).toBe(true);
    expect(diamond.everyPathPasses('a', 'e', (id) => id === 'd')).toBe(true);
  });

  it('lists what lies downstream and upstream, within a limit', () => {
    expect([...diamond.downstream('a', 1)].sort()).toEqual(['b', 'c']);
    expect([...diamond.downstream('a', 2)].sort()).toEqual(['b', 'c', 'd']);
    expect([...diamond.downstream('a')].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect([...diamond.upstream('e', 2)].sort()).toEqual(['b', 'c', 'd']);
    const loop = graph('a>b b>a b>c');
    expect([...loop.downstream('a')].sort()).toEqual(['a', 'b', 'c']);
    expect([...chain(100_000).downstream('s0')].length).toBe(99_999);
  });

  it('terminates on loops', () => {
    const loop = graph('a>b b>c c>b c>d');
    expect(loop.everyPathPasses('a', 'd', (id) => id === 'c')).toBe(true);
    expect(loop.findPath(['a'], (id) => id === 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect([...loop.reaching(['a'])]).toEqual(['a']);
  });

  it('handles a 100,000-step chain without overflowing the stack', () => {
    const g = chain(100_000);
    expect(g.reachableFrom(['s0']).size).toBe(100_000);
    expect(g.reaching(['s99999']).size).toBe(100_000);
    expect(g.findPath(['s0'], (id) => id === 's99999')?.length).toBe(100_000);
    expect(g.everyPathPasses('s0', 's99999', (id) => id === 's50000')).toBe(true);
  });
});

describe('FlowGraph.waysFrom', () => {
  it('reads the shortest way to each step off one search, not entering avoided steps', () => {
    const g = new FlowGraph(['a', 'b', 'c', 'd', 'e'], [['a', 'b'], ['b', 'c'], ['a', 'd'], ['d', 'c'], ['c', 'e'], ['d', 'e']]);
    const wayTo = g.waysFrom(['a']);
    expect(wayTo('a')).toEqual(['a']);
    expect(wayTo('c')).toEqual(['a', 'b', 'c']);
    expect(wayTo('e')).toEqual(['a', 'd', 'e']);
    const around = g.waysFrom(['a'], (id) => id === 'd');
    expect(around('e')).toEqual(['a', 'b', 'c', 'e']);
    expect(around('d')).toBeNull();
    expect(g.waysFrom(['x'])('a')).toBeNull();
  });
});
