import { pathToFileURL } from 'node:url';
import type { FileResult, Finding, LintResult } from '../findings.js';
import type { RuleMeta } from '../rule.js';
import { missingActivity, planItemOf } from './suggestions.js';
import { docsUrl, type Formatter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', warn: 'warning' } as const;

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function location(file: string, region?: { startLine: number; startColumn: number; endLine?: number; endColumn?: number }): object {
  return { physicalLocation: { artifactLocation: { uri: uri(file), uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) } };
}

function ruleDescriptor(meta: RuleMeta, rules: ReadonlyMap<string, RuleMeta>): object {
  return {
    id: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    helpUri: docsUrl(meta.id, rules),
    help: { text: `${meta.description} ${meta.rationale}` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { category: meta.category, ...(meta.rims ? { rims: meta.rims } : {}), tags: [meta.category] },
  };
}

/** The run a finding shows, step by step, as a SARIF code flow (each step where its id is written). */
function codeFlow(file: FileResult, path: readonly string[]): object {
  const steps = new Map((file.outline?.steps ?? []).map((s) => [s.id, s]));
  return {
    threadFlows: [
      {
        locations: path.map((id) => {
          const step = steps.get(id);
          const known = step?.line !== undefined && step.column !== undefined;
          const region = known ? { startLine: step.line!, startColumn: step.column!, endLine: step.endLine, endColumn: step.endColumn } : undefined;
          return { location: { ...location(file.file, region), message: { text: id } } };
        }),
      },
    ],
  };
}

function result(file: FileResult, f: Finding, ruleIndex: Map<string, number>): object {
  const index = ruleIndex.get(f.ruleId);
  const item = planItemOf(file, f);
  const activity = missingActivity(file, f);
  const message = activity ? `${f.message}. Missing activity: ${activity}` : f.message;
  return {
    ruleId: f.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[f.severity],
    message: { text: message },
    locations: [location(file.file, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn })],
    ...(f.path && f.path.length > 1 ? { codeFlows: [codeFlow(file, f.path)] } : {}),
    partialFingerprints: { 'pmlint/v1': `${f.ruleId}:${f.stepId ?? ''}` },
    properties: {
      category: f.category,
      rims: f.rims,
      stepId: f.stepId,
      ...(f.path ? { path: f.path } : {}),
      ...(f.suggestion ? { suggestion: f.suggestion } : {}),
      ...(item ? { plan: item } : {}),
    },
  };
}

/** SARIF 2.1.0 for code-scanning upload: one run, the rules as descriptors, fatals as tool notifications. */
export const sarif: Formatter = (lint: LintResult, context) => {
  const rules = context.rules ?? new Map<string, RuleMeta>();
  const known = [...rules.values()];
  for (const file of lint.files) {
    for (const f of file.findings) {
      if (!rules.has(f.ruleId) && !known.some((m) => m.id === f.ruleId)) {
        known.push({ id: f.ruleId, category: f.category ?? 'structure', rims: f.rims, severity: 'warn', description: f.ruleId, rationale: f.ruleId, messages: {}, docs: `docs/rules/${f.ruleId}.md` });
      }
    }
  }
  const ruleIndex = new Map(known.map((m, i) => [m.id, i]));
  const notifications = lint.files.flatMap((file) => [
    ...(file.fatal
      ? [{ level: 'error', message: { text: file.fatal.message }, locations: [location(file.file, { startLine: file.fatal.line, startColumn: file.fatal.column })] }]
      : []),
    ...file.findings
      .filter((f) => f.internal)
      .map((f) => ({ level: 'error', message: { text: f.message }, locations: [location(file.file)], associatedRule: { id: f.ruleId } })),
  ]);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pmlint',
            ...(context.version ? { version: context.version, semanticVersion: context.version } : {}),
            informationUri: 'https://unpkg.com/pmlint/README.md',
            rules: known.map((meta) => ruleDescriptor(meta, rules)),
          },
        },
        ...(context.cwd ? { originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(context.cwd.endsWith('/') ? context.cwd : `${context.cwd}/`).href } } } : {}),
        invocations: [{ executionSuccessful: !lint.incomplete, toolExecutionNotifications: notifications }],
        results: lint.files.flatMap((file) => file.findings.filter((f) => !f.internal).map((f) => result(file, f, ruleIndex))),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
