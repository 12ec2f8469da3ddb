import parseDot from 'dotparser';

let mermaid: { parse(text: string): Promise<unknown> } | undefined;

/** Mermaid's own parser, given the DOM it expects from jsdom; rejects what Mermaid would not render. */
export async function parseMermaid(text: string): Promise<unknown> {
  if (!mermaid) {
    const { JSDOM } = await import('jsdom');
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    mermaid = (await import('mermaid')).default as unknown as { parse(text: string): Promise<unknown> };
  }
  return mermaid.parse(text);
}

export type DotGraph = ReturnType<typeof parseDot>;

/** A real DOT grammar (dotparser): throws on text Graphviz would not read. */
export function dot(text: string): DotGraph {
  return parseDot(text);
}

interface DotNode {
  type: string;
  id?: string | number;
  node_id?: { id: string | number };
  attr_list?: { id: string; eq: string | number }[];
  children?: DotNode[];
}

/** The `label` of every node statement, by node id, searching clusters too. */
export function dotLabels(graph: DotGraph): Map<string, string> {
  const labels = new Map<string, string>();
  const walk = (nodes: DotNode[]): void => {
    for (const n of nodes) {
      if (n.type === 'node_stmt' && n.node_id) {
        const label = n.attr_list?.find((a) => a.id === 'label');
        if (label) labels.set(String(n.node_id.id), String(label.eq));
      }
      if (n.children) walk(n.children);
    }
  };
  walk(graph as unknown as DotNode[]);
  return labels;
}
