#!/usr/bin/env node
// The `yaml` parser reads process.env.LOG_TOKENS for every token it sees, and a lookup on the
// real environment object costs about a microsecond: a plain copy makes large maps ~25% faster.
process.env = { ...process.env };

// The CLI bundled into one module (npm run build) loads in about half the time of its ~150 modules.
const { main } = await import('../dist/bundle/main.js');

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
