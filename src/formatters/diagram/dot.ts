import type { Finding, PlanItem, ProcessOutline } from '../../findings.js';
import { drawnInserts, extendedSteps, runFlows } from '../suggestions.js';

/** A DOT quoted string: backslashes and quotes escaped, line breaks as DOT's `\n`. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

const SHAPES: Record<string, string> = {
  start: 'circle',
  end: 'doublecircle',
  decision: 'diamond',
  parallel: 'hexagon',
  wait: 'parallelogram',
  meeting: 'box',
};

/** The same diagram as renderMermaid, in Graphviz DOT: lanes as clusters, missing activities dashed. */
export function renderDot(outline: ProcessOutline, findings: readonly Finding[] = [], plan: readonly PlanItem[] = []): string {
  const ids = new Map(outline.steps.map((s, i) => [s.id, `s${i}`]));
  const flagged = new Set(findings.map((f) => f.stepId));
  const extended = new Set(extendedSteps(plan));
  const humans = new Set(outline.actors.filter((a) => a.type === 'human').map((a) => a.id));
  const lines = [
    `digraph ${dotString(outline.id || 'process')} {`,
    '  rankdir=LR;',
    `  label=${dotString(outline.name)};`,
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
    '  edge [fontname="Helvetica"];',
  ];
  const nodeLine = (id: string, label: string, attrs: string[]): string => `${id} [${[`label=${dotString(label)}`, ...attrs].join(', ')}];`;
  const stepLine = (step: ProcessOutline['steps'][number]): string => {
    const attrs: string[] = [];
    const shape = SHAPES[step.type ?? ''];
    if (shape) attrs.push(`shape=${shape}`);
    if (step.automated && shape === undefined) attrs.push('fillcolor="#e3f2fd"', 'color="#1565c0"');
    else if (step.actor !== undefined && humans.has(step.actor)) attrs.push('fillcolor="#fff3e0"', 'color="#ef6c00"');
    if (flagged.has(step.id)) attrs.push('penwidth=3', 'color="#c62828"');
    // A step the plan extends: dashed like the missing activities.
    else if (extended.has(step.id)) attrs.push('style="rounded,filled,dashed"', 'color="#6a1b9a"');
    return nodeLine(ids.get(step.id)!, step.name, attrs);
  };
  const missing = drawnInserts(outline, plan);
  const missingLine = (i: number): string => nodeLine(`m${i}`, `+ ${missing[i]!.item.title}`, ['style="rounded,dashed"', 'color="#6a1b9a"', 'fontcolor="#4a148c"']);

  outline.actors.forEach((actor, lane) => {
    const members = outline.steps.filter((s) => s.actor === actor.id).map(stepLine);
    missing.forEach((m, i) => {
      if (m.item.step.actor === actor.id) members.push(missingLine(i));
    });
    if (members.length === 0) return;
    lines.push(`  subgraph cluster_${lane} {`, `    label=${dotString(actor.name)};`, ...members.map((m) => `    ${m}`), '  }');
  });
  const inLane = new Set(outline.actors.map((a) => a.id));
  for (const step of outline.steps) if (step.actor === undefined || !inLane.has(step.actor)) lines.push(`  ${stepLine(step)}`);
  missing.forEach((m, i) => {
    if (m.item.step.actor === undefined || !inLane.has(m.item.step.actor)) lines.push(`  ${missingLine(i)}`);
  });
  // The run a deadlock or a double run shows: its flows drawn red and thick.
  const run = runFlows(findings);
  for (const flow of outline.flows) {
    const attrs = [...(flow.label === undefined ? [] : [`label=${dotString(flow.label)}`]), ...(run.has(`${flow.from}>${flow.to}`) ? ['color="#c62828"', 'penwidth=3'] : [])];
    lines.push(`  ${ids.get(flow.from)} -> ${ids.get(flow.to)}${attrs.length === 0 ? '' : ` [${attrs.join(', ')}]`};`);
  }
  missing.forEach(({ item, targets }, i) => {
    if (item.after === null) return;
    lines.push(`  ${ids.get(item.after)} -> m${i} [style=dashed, color="#6a1b9a"];`);
    for (const to of targets) if (ids.has(to)) lines.push(`  m${i} -> ${ids.get(to)} [style=dashed, color="#6a1b9a"];`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}
