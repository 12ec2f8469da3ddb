import type { Finding, PlanItem, ProcessOutline } from '../../findings.js';
import { drawnInserts, extendedSteps, runFlows } from '../suggestions.js';

/**
 * Text safe inside a quoted Mermaid label: characters that Mermaid reads as syntax (quotes, `#`,
 * angle brackets, backticks, ampersands) become its entity codes, line breaks become spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[#"<>`&]/g, (ch) => `#${ch.charCodeAt(0)};`);
}

const SHAPES: Record<string, [string, string]> = {
  start: ['((', '))'],
  end: ['(((', ')))'],
  decision: ['{', '}'],
  parallel: ['{{', '}}'],
  wait: ['[/', '/]'],
  meeting: ['([', '])'],
};

function node(id: string, label: string, type: string | undefined): string {
  const [open, close] = SHAPES[type ?? ''] ?? ['[', ']'];
  return `${id}${open}"${mermaidText(label)}"${close}`;
}

/**
 * The process as a Mermaid flowchart: actors as lanes (subgraphs), decisions as diamonds, automated
 * steps styled apart from human ones, steps with findings highlighted, and the missing activities
 * drawn dashed where they would go. Node ids are derived (`s0`, `m0`, `lane0`), so any step id is safe.
 */
export function renderMermaid(outline: ProcessOutline, findings: readonly Finding[] = [], plan: readonly PlanItem[] = []): string {
  const ids = new Map(outline.steps.map((s, i) => [s.id, `s${i}`]));
  const lanes = new Map(outline.actors.map((a, i) => [a.id, { name: a.name, lane: `lane${i}`, members: [] as string[] }]));
  const loose: string[] = [];
  for (const step of outline.steps) {
    const text = node(ids.get(step.id)!, step.name, step.type);
    const lane = step.actor === undefined ? undefined : lanes.get(step.actor);
    if (lane) lane.members.push(text);
    else loose.push(text);
  }
  const missingEdges: string[] = [];
  const missing = drawnInserts(outline, plan);
  missing.forEach(({ item, targets }, i) => {
    const id = `m${i}`;
    const text = `${id}["${mermaidText(`+ ${item.title}`)}"]`;
    const lane = item.step.actor === undefined ? undefined : lanes.get(item.step.actor);
    if (lane) lane.members.push(text);
    else loose.push(text);
    if (item.after === null) return;
    missingEdges.push(`  ${ids.get(item.after)} -.-> ${id}`);
    for (const to of targets) if (ids.has(to)) missingEdges.push(`  ${id} -.-> ${ids.get(to)}`);
  });

  const lines = ['flowchart LR'];
  for (const { name, lane, members } of lanes.values()) {
    if (members.length === 0) continue;
    lines.push(`  subgraph ${lane}["${mermaidText(name)}"]`, '    direction LR', ...members.map((m) => `    ${m}`), '  end');
  }
  lines.push(...loose.map((m) => `  ${m}`));
  const run = runFlows(findings);
  const emphasised: number[] = [];
  outline.flows.forEach((flow, i) => {
    const label = flow.label === undefined ? '' : `|"${mermaidText(flow.label)}"|`;
    lines.push(`  ${ids.get(flow.from)} -->${label} ${ids.get(flow.to)}`);
    if (run.has(`${flow.from}>${flow.to}`)) emphasised.push(i);
  });
  lines.push(...missingEdges);

  const automated = outline.steps.filter((s) => s.automated && s.type !== undefined && !['start', 'end', 'decision', 'parallel', 'wait'].includes(s.type));
  const human = outline.steps.filter((s) => !s.automated && s.actor !== undefined && outline.actors.find((a) => a.id === s.actor)?.type === 'human');
  const flagged = [...new Set(findings.map((f) => f.stepId).filter((id): id is string => id !== null && ids.has(id)))];
  lines.push(
    '  classDef automated fill:#e3f2fd,stroke:#1565c0,color:#0d2b4e',
    '  classDef human fill:#fff3e0,stroke:#ef6c00,color:#4e2600',
    '  classDef finding stroke:#c62828,stroke-width:3px',
    '  classDef missing fill:#ffffff,stroke:#6a1b9a,stroke-width:2px,stroke-dasharray:5 5,color:#4a148c',
    '  classDef extended stroke:#6a1b9a,stroke-width:2px,stroke-dasharray:5 5',
  );
  const classLine = (steps: readonly string[], cls: string): void => {
    if (steps.length > 0) lines.push(`  class ${steps.join(',')} ${cls}`);
  };
  classLine(automated.map((s) => ids.get(s.id)!), 'automated');
  classLine(human.map((s) => ids.get(s.id)!), 'human');
  classLine(flagged.map((id) => ids.get(id)!), 'finding');
  classLine(missing.map((_, i) => `m${i}`), 'missing');
  // Steps the plan extends (more recipients, a new type): dashed like the missing activities.
  classLine(extendedSteps(plan).filter((id) => ids.has(id)).map((id) => ids.get(id)!), 'extended');
  // The run a deadlock or a double run shows: its flows drawn red and thick.
  if (emphasised.length > 0) lines.push(`  linkStyle ${emphasised.join(',')} stroke:#c62828,stroke-width:3px`);
  return lines.join('\n') + '\n';
}
