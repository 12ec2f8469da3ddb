import { createRequire } from 'node:module';
import type { FileResult, LintResult } from '../findings.js';
import type { Formatter } from './types.js';

function suite(file: FileResult): object {
  const failures = file.findings.length;
  const errors = file.fatal ? 1 : 0;
  const cases: object[] = [];
  if (file.fatal) {
    cases.push({
      '@name': 'pmlint: read the map',
      '@classname': file.file,
      error: { '@message': file.fatal.message, '@type': 'fatal', '#': `${file.file}:${file.fatal.line}:${file.fatal.column}: ${file.fatal.message}` },
    });
  }
  for (const f of file.findings) {
    const detail = [`${file.file}:${f.line}:${f.column}: ${f.message}`, ...(f.suggestion ? [`Missing activity: ${f.suggestion.title}`] : [])].join('\n');
    cases.push({
      '@name': `${f.ruleId} @ ${f.line}:${f.column}`,
      '@classname': file.file,
      '@file': file.file,
      '@line': f.line,
      failure: { '@message': f.message, '@type': f.severity, '#': detail },
    });
  }
  if (cases.length === 0) cases.push({ '@name': 'pmlint', '@classname': file.file, '@file': file.file });
  return { '@name': file.file, '@tests': Math.max(1, failures + errors), '@failures': failures, '@errors': errors, '@skipped': 0, testcase: cases };
}

/** xmlbuilder2 is loaded when JUnit is asked for: it costs ~0.1 s of start-up otherwise. */
function xmlbuilder(): typeof import('xmlbuilder2') {
  return createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2');
}

/** JUnit XML for GitLab and Jenkins: a testsuite per file, a failing testcase per finding, `<error>` for a file that cannot be read. */
export const junit: Formatter = (lint: LintResult) => {
  const suites = lint.files.map(suite);
  const totals = lint.files.reduce(
    (t, f) => ({
      tests: t.tests + Math.max(1, f.findings.length + (f.fatal ? 1 : 0)),
      failures: t.failures + f.findings.length,
      errors: t.errors + (f.fatal ? 1 : 0),
    }),
    { tests: 0, failures: 0, errors: 0 },
  );
  const doc = xmlbuilder().create({ version: '1.0', encoding: 'UTF-8' }, {
    testsuites: { '@name': 'pmlint', '@tests': totals.tests, '@failures': totals.failures, '@errors': totals.errors, testsuite: suites },
  });
  return doc.end({ prettyPrint: true }) + '\n';
};
