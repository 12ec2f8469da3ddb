// pmlint's programmatic API: the CLI is a thin layer over these.
export { defineRule } from './rule.js';
export { definePlugin, type Plugin } from './config/plugins.js';
export type { Category, Report, ReportValue, RimsDimension, Rule, RuleContext, RuleMeta, RuleSeverity, ScoreContext, SuggestedStep, Suggestion } from './rule.js';
export type { BaselineReport, FileResult, Finding, LintResult, ProcessOutline, Prunable, RimsScore, Severity } from './findings.js';
export { summarize } from './findings.js';
export type { Flow, ProcessModel, Step, Actor, System, Offer, Stage, Metric, ProcessInfo, Range } from './model/types.js';
export { FlowGraph } from './model/graph.js';
export { loadConfig, type LoadConfigOptions } from './config/load.js';
export { ConfigError, type ResolvedConfig } from './config/types.js';
export { convertFile, convertSource, lintFiles, lintText, type ConvertResult, type LintOptions, type TextOptions } from './api.js';
export { BaselineError } from './engine/baseline.js';
export type { BaselineOptions } from './engine/options.js';
export { lintSource } from './engine/lint.js';
export { formatters, type FormatContext, type Formatter } from './formatters/index.js';
export { builtinRules } from '../rules/index.js';
