#!/usr/bin/env node
// The `yaml` parser reads process.env.LOG_TOKENS for every token it sees, and a lookup on the
// real environment object costs about a microsecond: a plain copy makes large maps ~25% faster.
process.env = { ...process.env };

// Standard output that cannot be written is the environment, not a bug. A reader that has gone
// (`pmlint check | head`) ends the output quietly and the exit code still tells the result; any
// other failure (a full disk) is said in one line, with exit code 2.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`pmlint: cannot write to standard output: ${error.code ?? error.message}\n`);
  process.exit(2);
});

// The CLI bundled into one module (npm run build) loads in about half the time of its ~150 modules.
const { main } = await import('../dist/bundle/main.js');

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
